package dev.stateset.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** First start on an empty database without a configured password: admin gets a generated one, printed once. */
@SpringBootTest(properties = "stateset.bootstrap.admin-password=")
@ActiveProfiles("test")
// Its own context (the blank password makes it unique): closed afterwards, so its Flink does not run on.
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class BootstrapTest {

    @Autowired
    UserDetailsService userDetails;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void generated_admin_password_is_logged_once_and_works(CapturedOutput output) {
        // This class's context is its own (the blank password makes it unique), so it starts inside the capture.
        Matcher m = Pattern.compile("Created user 'admin' with generated password: (\\S+)")
                .matcher(output.getAll());
        assertThat(m.find())
                .as("the generated password is printed at first start")
                .isTrue();
        String password = m.group(1);
        assertThat(passwordEncoder.matches(
                        password, userDetails.loadUserByUsername("admin").getPassword()))
                .as("the printed password is the admin's")
                .isTrue();
        assertThat(m.find()).as("password printed only once").isFalse();
        assertThat(userDetails.loadUserByUsername("admin").getAuthorities())
                .extracting(Object::toString)
                .contains("ROLE_ADMIN");
    }
}
