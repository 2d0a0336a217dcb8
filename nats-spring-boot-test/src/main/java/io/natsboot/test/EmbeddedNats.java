package io.natsboot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a {@code @SpringBootTest} its own NATS node, as {@code @EmbeddedKafka} gives a Kafka broker: the
 * application's embedded node listens on a free port of 127.0.0.1, and nothing the application's configuration says
 * about clustering is used. Seeds ({@code nats.server.cluster.routes}), DNS and tailnet discovery, {@code RouteDiscovery} beans
 * and the route listener are switched off, so a test never joins (or is joined by) a running cluster, and
 * {@code nats.client.servers} is cleared so the application's {@code Connection} uses this node.
 *
 * <p>The test reads the node's address from {@code local.nats.server.port} and {@code local.nats.server.url}
 * ({@code nats://127.0.0.1:<port>}); {@code local.nats.cluster.urls} lists the client URLs of every node.
 *
 * <p>With {@link #nodes()} above 1 the node is one of a cluster of that many, all in the test JVM: the others are
 * started before the application and stopped with its context; the application's node is seeded with them and the
 * mesh forms as it does between real nodes. The extra nodes take the application's route credentials
 * ({@code nats.server.cluster.auth.*}) but no client authorization; route TLS is off.
 *
 * <p>Properties set by the test itself ({@code @SpringBootTest(properties = ...)}) still win over the fixture's.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedNats {

    /**
     * Number of nodes in the test's cluster, the application's own included; 1 is a lone node without routes.
     * @return the number of nodes, at least 1
     */
    int nodes() default 1;

    /**
     * Name of the test's cluster when {@link #nodes()} is above 1; empty takes {@code nats.server.cluster.name} of
     * the application, or {@code embedded-nats} when it has none.
     * @return the cluster name, or empty
     */
    String clusterName() default "";

}
