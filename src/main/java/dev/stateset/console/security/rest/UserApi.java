package dev.stateset.console.security.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.stateset.console.security.NewUser;
import dev.stateset.console.security.UserService;
import dev.stateset.console.security.UserSummary;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The console's users over {@code /api/v1}, as the Users page manages them: admins only. */
@RestController
@RequestMapping("/api/v1/users")
class UserApi {

    private final UserService users;

    UserApi(UserService users) {
        this.users = users;
    }

    /** @param admin optional, false when left out */
    record NewUserBody(
            @JsonProperty(required = true) String username,
            String displayName,
            @JsonProperty(required = true) String password,
            Boolean admin) {}

    /** @param enabled optional; @param admin optional: each left out stays as it is */
    record UserChange(Boolean enabled, Boolean admin) {}

    record PasswordReset(@JsonProperty(required = true) String password) {}

    @GetMapping
    @Operation(summary = "List users", description = "Every console user (admins only).")
    List<UserSummary> list() {
        return users.list();
    }

    @PostMapping
    @Operation(summary = "Create a user", description = "With a password that meets the password policy.")
    ResponseEntity<UserSummary> create(@RequestBody NewUserBody body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(users.create(new NewUser(
                        body.username(), body.displayName(), body.password(), Boolean.TRUE.equals(body.admin()))));
    }

    @PutMapping("/{userId}")
    @Operation(
            summary = "Enable, disable or make admin",
            description = "A disabled user cannot log in and their API tokens stop working.")
    UserSummary change(@PathVariable long userId, @RequestBody UserChange body) {
        if (body.enabled() != null) {
            users.setEnabled(userId, body.enabled());
        }
        if (body.admin() != null) {
            users.setAdmin(userId, body.admin());
        }
        return users.list().stream()
                .filter(u -> u.id() == userId)
                .findFirst()
                .orElseThrow(() -> new dev.stateset.console.base.ResourceNotFoundException("User"));
    }

    @PostMapping("/{userId}/password")
    @Operation(summary = "Reset a user's password", description = "The new password must meet the password policy.")
    ResponseEntity<Void> resetPassword(@PathVariable long userId, @RequestBody PasswordReset body) {
        users.resetPassword(userId, body.password());
        return ResponseEntity.noContent().build();
    }
}
