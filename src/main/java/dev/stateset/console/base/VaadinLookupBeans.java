package dev.stateset.console.base;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.template.internal.DeprecatedPolymerPublishedEventHandler;
import com.vaadin.flow.spring.security.VaadinRolePrefixHolder;
import elemental.json.JsonObject;
import elemental.json.JsonValue;
import java.lang.reflect.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Two services Vaadin asks its {@code Lookup} for on every request of a certain kind, answered from the context instead
 * of a class-path scan per request (measured, and why it is not in a {@code ui} package: DD009).
 */
@Configuration(proxyBeanMethods = false)
class VaadinLookupBeans {

    /**
     * Asked on every navigation by Vaadin's Spring access control (it only records the prefix once; role checks go
     * through the request, as before). Our authorities use Spring Security's default prefix.
     */
    @Bean
    VaadinRolePrefixHolder vaadinRolePrefixHolder() {
        return new VaadinRolePrefixHolder("ROLE_");
    }

    /**
     * Asked for every argument of a client-to-server call (a grid page request, for one): the console has no Polymer
     * templates, so no argument is ever a template model value — the same answer as when the lookup finds nothing.
     */
    @Bean
    DeprecatedPolymerPublishedEventHandler noPolymerTemplates() {
        return new DeprecatedPolymerPublishedEventHandler() {
            @Override
            public boolean isTemplateModelValue(Component instance, JsonValue argValue, Class<?> convertedType) {
                return false;
            }

            @Override
            public Object getTemplateItem(Component template, JsonObject argValue, Type convertedType) {
                throw new UnsupportedOperationException("The console has no Polymer templates");
            }
        };
    }
}
