package dev.stateset.console.base.rest;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strict JSON input, the half that has no property: a number or boolean where text is expected (5 as a description) is
 * refused rather than turned into text. The rest is in application.properties (spring.jackson.*).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer noScalarsAsText() {
        return builder -> builder.postConfigurer(mapper -> {
            var textual = mapper.coercionConfigFor(LogicalType.Textual);
            textual.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
            textual.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
            textual.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        });
    }
}
