package io.natsboot.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.natsboot.boot.server.EmbeddedNatsServer;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Isolates the application's embedded node for one {@link EmbeddedNats} test context: properties that put it on a
 * free port with no route listener, seeds, DNS or tailnet discovery (or, for a cluster, seeded only with the extra nodes it
 * starts here), and a post-processor that drops the {@code RouteDiscovery} beans no property can switch off.
 */
final class EmbeddedNatsContextCustomizer implements ContextCustomizer {

    static final String PROPERTY_SOURCE_NAME = "embeddedNats";

    static final String NODES_BEAN_NAME = "embeddedNatsNodes";

    static final String DEFAULT_CLUSTER_NAME = "embedded-nats";

    private final int nodes;

    private final String clusterName;

    EmbeddedNatsContextCustomizer(int nodes, String clusterName) {
        this.nodes = nodes;
        this.clusterName = clusterName;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Map<String, Object> properties = isolatedNode(environment);
        EmbeddedNatsNodes others = EmbeddedNatsNodes.NONE;
        if (this.nodes > 1) {
            String name = this.clusterName.isEmpty()
                    ? environment.getProperty("nats.server.cluster.name", DEFAULT_CLUSTER_NAME) : this.clusterName;
            others = EmbeddedNatsNodes.start(this.nodes - 1, name,
                    environment.getProperty("nats.server.cluster.auth.user"),
                    environment.getProperty("nats.server.cluster.auth.password"));
            properties.put("nats.server.cluster.name", name);
            properties.put("nats.server.cluster.host", "127.0.0.1");
            properties.put("nats.server.cluster.port", "0");
            properties.put("nats.server.cluster.routes", String.join(",", others.routeUrls()));
            properties.put("nats.server.cluster.min-routes", String.valueOf(this.nodes - 1));
        }
        addBelowTestProperties(environment.getPropertySources(), new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
        environment.getPropertySources().addLast(new EmbeddedNatsUrls(environment, others));
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(NODES_BEAN_NAME, others);
        if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
            // also when the refresh fails: the extra nodes never outlive the context
            registry.registerDisposableBean(NODES_BEAN_NAME, others);
        }
        beanFactory.addBeanPostProcessor(new NoRouteDiscovery());
    }

    private static Map<String, Object> isolatedNode(ConfigurableEnvironment environment) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("nats.server.enabled", "true");
        properties.put("nats.server.host", "127.0.0.1");
        properties.put("nats.server.port", "0");
        properties.put("nats.server.cluster.port", "-1");
        properties.put("nats.server.cluster.routes", "");
        properties.put("nats.server.cluster.discovery.dns", "");
        properties.put("nats.server.cluster.discovery.tailscale.enabled", "false");
        properties.put("nats.server.cluster.discovery.tailscale.bind", "false");
        properties.put("nats.server.cluster.advertise", "");
        properties.put("nats.server.cluster.tls.bundle", "");
        properties.put("nats.server.cluster.min-routes", "0");
        properties.put("nats.client.servers", "");
        if (environment.containsProperty("nats.server.monitoring-port")) {
            properties.put("nats.server.monitoring-port", "0");
        }
        return properties;
    }

    // Below what the test class sets itself (@SpringBootTest(properties), @TestPropertySource), above the application.
    private static void addBelowTestProperties(MutablePropertySources sources, MapPropertySource fixture) {
        if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, fixture);
        }
        else {
            sources.addFirst(fixture);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmbeddedNatsContextCustomizer that && this.nodes == that.nodes
                && this.clusterName.equals(that.clusterName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.nodes, this.clusterName);
    }

    /** {@code RouteDiscovery} beans would still be asked for seeds: the test's node takes none of them. */
    private static final class NoRouteDiscovery implements BeanPostProcessor {

        @Override
        public Object postProcessBeforeInitialization(Object bean, String beanName) {
            if (bean instanceof EmbeddedNatsServer server) {
                server.getOptions().getCluster().getDiscovery().clear();
            }
            return bean;
        }

    }

}
