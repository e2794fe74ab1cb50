package dev.stateset.console.security.internal;

import dev.stateset.console.security.ConsoleUserDetails;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class DatabaseUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    DatabaseUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return users.findByUsername(username)
                .map(u -> new ConsoleUserDetails(
                        u.getId(),
                        u.getUsername(),
                        u.getPasswordHash(),
                        u.isEnabled(),
                        u.isSystemAdmin(),
                        u.getOrigin()))
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
