package dev.stateset.console.live.ui;

import com.vaadin.flow.shared.communication.PushConstants;
import com.vaadin.flow.spring.SpringServlet;
import org.atmosphere.cpr.ApplicationConfig;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sizes the buffers each open page's push channel holds for messages from the browser. Vaadin sizes them for 16,384
 * characters (Atmosphere's read buffers 16 KB + 32 KB, Tomcat's message buffers up to 32 KB + 16 KB), but a page sends
 * nothing larger than {@link PushConstants#WEBSOCKET_FRAGMENT_SIZE} over the socket: with Flow's default
 * {@code websocket-xhr} transport its requests go over HTTP and the socket carries heartbeats; with the plain
 * {@code websocket} transport the client cuts every message into fragments of that size. Measured per open page: the
 * UI benchmark's heap per session (docs/benchmarks.md, section 5; DD009).
 */
@Configuration(proxyBeanMethods = false)
class PushChannelBuffers {

    /** The largest message a page sends over its socket, in characters (a fragment, with room to spare). */
    static final int LARGEST_MESSAGE = PushConstants.WEBSOCKET_FRAGMENT_SIZE + 1;

    /** Atmosphere's read buffers start at this and grow on demand (to its streaming limit, 2 MB). */
    static final int INITIAL_READ_BUFFER = 1024;

    @Bean
    static BeanPostProcessor pushChannelInitParameters() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                // Vaadin's Atmosphere set-up keeps its own sizes unless the servlet's init parameters name them.
                if (bean instanceof ServletRegistrationBean<?> registration
                        && registration.getServlet() instanceof SpringServlet) {
                    registration.addInitParameter(
                            ApplicationConfig.WEBSOCKET_BUFFER_SIZE, String.valueOf(INITIAL_READ_BUFFER));
                    registration.addInitParameter(
                            ApplicationConfig.WEBSOCKET_MAXTEXTSIZE, String.valueOf(LARGEST_MESSAGE));
                    registration.addInitParameter(
                            ApplicationConfig.WEBSOCKET_MAXBINARYSIZE, String.valueOf(LARGEST_MESSAGE));
                }
                return bean;
            }
        };
    }

    /** Tomcat allocates a socket's message buffers at this size until its first message sets them to the maximum. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> pushChannelSocketBuffers() {
        return factory -> factory.addContextCustomizers(context -> {
            context.addParameter(
                    org.apache.tomcat.websocket.server.Constants.TEXT_BUFFER_SIZE_SERVLET_CONTEXT_INIT_PARAM,
                    String.valueOf(INITIAL_READ_BUFFER));
            context.addParameter(
                    org.apache.tomcat.websocket.server.Constants.BINARY_BUFFER_SIZE_SERVLET_CONTEXT_INIT_PARAM,
                    String.valueOf(INITIAL_READ_BUFFER));
        });
    }
}
