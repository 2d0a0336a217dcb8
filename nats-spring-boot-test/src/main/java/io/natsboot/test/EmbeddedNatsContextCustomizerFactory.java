package io.natsboot.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Finds {@link EmbeddedNats} on a test class (or an enclosing or super class) and gives its context the matching
 * {@link EmbeddedNatsContextCustomizer}. Registered in {@code META-INF/spring.factories}.
 *
 * @since 0.1.0
 */
public class EmbeddedNatsContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        EmbeddedNats embeddedNats = TestContextAnnotationUtils.findMergedAnnotation(testClass, EmbeddedNats.class);
        if (embeddedNats == null) {
            return null;
        }
        if (embeddedNats.nodes() < 1) {
            throw new IllegalStateException("@EmbeddedNats(nodes = " + embeddedNats.nodes() + ") on "
                    + testClass.getName() + ": a cluster has at least 1 node");
        }
        return new EmbeddedNatsContextCustomizer(embeddedNats.nodes(), embeddedNats.clusterName());
    }

}
