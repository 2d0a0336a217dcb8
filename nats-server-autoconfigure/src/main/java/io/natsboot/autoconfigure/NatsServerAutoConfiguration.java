package io.natsboot.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.natsboot.boot.diagnostics.InvalidNatsRouteException;
import io.natsboot.boot.server.EmbeddedNatsServer;
import io.natsboot.server.NatsServer;
import io.natsboot.server.options.ServerOptions;
import io.natsboot.server.options.TlsOptions;
import io.natsboot.server.route.DnsRouteDiscovery;
import io.natsboot.server.options.RouteDiscovery;
import io.natsboot.server.options.OptionViolation;
import io.natsboot.server.options.OptionsRule;
import io.natsboot.server.options.RouteUrl;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of an embedded NATS
 * server node.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClass(NatsServer.class)
@ConditionalOnBooleanProperty(name = "nats.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(NatsServerProperties.class)
public final class NatsServerAutoConfiguration {

    private static final String SHUTDOWN_PHASE_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";

    private static final Duration DEFAULT_SHUTDOWN_PHASE_TIMEOUT = Duration.ofSeconds(30);

    NatsServerAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    EmbeddedNatsServer embeddedNatsServer(NatsServerProperties properties, ObjectProvider<RouteDiscovery> discoveries,
            ObjectProvider<SslBundles> sslBundles, Environment environment) {
        ServerOptions options = serverOptions(properties, sslBundles.getIfAvailable());
        lameDuckWithinShutdownPhase(properties, environment);
        RouteCredentials credentials = routeCredentials(options.getCluster());
        discoveries.orderedStream()
            .map((discovery) -> (credentials != null) ? credentials.discovery(discovery) : discovery)
            .forEach(options.getCluster().getDiscovery()::add);
        return new EmbeddedNatsServer(options,
                (environment instanceof ConfigurableEnvironment configurable) ? configurable : null);
    }

    // Spring stops waiting for a phase after its timeout, and then the node would be cut while its clients move
    private static void lameDuckWithinShutdownPhase(NatsServerProperties properties, Environment environment) {
        Duration phase = Binder.get(environment)
            .bind(SHUTDOWN_PHASE_TIMEOUT, Duration.class)
            .orElse(DEFAULT_SHUTDOWN_PHASE_TIMEOUT);
        Duration lameDuck = properties.getLameDuckDuration();
        if (!lameDuck.isZero() && lameDuck.compareTo(phase) >= 0) {
            throw new InvalidConfigurationPropertyValueException("nats.server.lame-duck-duration", lameDuck,
                    "must be shorter than " + SHUTDOWN_PHASE_TIMEOUT + " (" + phase
                            + "): shorten it, or give the shutdown phase more time");
        }
    }

    static ServerOptions serverOptions(NatsServerProperties properties) {
        return serverOptions(properties, null);
    }

    static ServerOptions serverOptions(NatsServerProperties properties, @Nullable SslBundles sslBundles) {
        ServerOptions options = new ServerOptions();
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::getHost).to(options::setHost);
        map.from(properties::getPort).to((port) -> options.setPort(port("nats.server.port", port)));
        map.from(properties::getName).whenHasText().to(options::setServerName);
        map.from(properties::getMaxPayload)
            .to((size) -> options.setMaxPayload(intSize("nats.server.max-payload", size)));
        map.from(properties::getMaxConnections)
            .to((max) -> options.setMaxConnections(positive("nats.server.max-connections", max)));
        map.from(properties::getMaxPending).to((size) -> options.setMaxPending(size("nats.server.max-pending", size)));
        map.from(properties::getPingInterval)
            .to((interval) -> options.setPingInterval(positive("nats.server.ping-interval", interval)));
        map.from(properties::getPingMax).to((max) -> options.setPingMax(notNegative("nats.server.ping-max", max)));
        map.from(properties::getWriteDeadline)
            .to((deadline) -> options.setWriteDeadline(positive("nats.server.write-deadline", deadline)));
        map.from(properties::getLameDuckDuration)
            .to((duration) -> options.setLameDuckDuration(notNegative("nats.server.lame-duck-duration", duration)));
        map.from(properties::getLameDuckGracePeriod)
            .to((grace) -> options.setLameDuckGracePeriod(notNegative("nats.server.lame-duck-grace-period", grace)));
        map.from(properties::getMonitoringPort)
            .to((port) -> options.setHttpPort(port("nats.server.monitoring-port", port)));
        for (OptionViolation violation : OptionsRule.check(options)) {
            if ("max_payload".equals(violation.option()) && "max_pending".equals(violation.related())) {
                throw new InvalidConfigurationPropertyValueException("nats.server.max-payload",
                        properties.getMaxPayload(),
                        "must not be larger than nats.server.max-pending (" + properties.getMaxPending() + ")");
            }
            if ("lame_duck_grace_period".equals(violation.option())) {
                throw new InvalidConfigurationPropertyValueException("nats.server.lame-duck-grace-period",
                        properties.getLameDuckGracePeriod(), "must be shorter than nats.server.lame-duck-duration ("
                                + properties.getLameDuckDuration() + ")");
            }
        }
        NatsAuthorizationMapper.map(properties.getAuth(), options.getAuthorization(),
                StringUtils.hasText(properties.getTls().getBundle()) && properties.getTls().isVerifyAndMap());
        cluster(properties.getCluster(), options.getCluster());
        distinctPorts(properties);
        NatsSslBundles bundles = new NatsSslBundles(sslBundles);
        tls(properties.getTls(), options.getTls(), bundles);
        routeTls(properties.getCluster().getTls(), options.getCluster().getTls(), bundles);
        return options;
    }

    private static void tls(NatsServerProperties.Tls properties, TlsOptions tls, NatsSslBundles bundles) {
        if (!StringUtils.hasText(properties.getBundle())) {
            return;
        }
        SslBundle bundle = bundles.getWithKey("nats.server.tls.bundle", properties.getBundle());
        boolean verify = properties.isVerify() || properties.isVerifyAndMap();
        if (verify && !hasTrustStore(bundle)) {
            throw new InvalidConfigurationPropertyValueException(
                    properties.isVerify() ? "nats.server.tls.verify" : "nats.server.tls.verify-and-map", true,
                    "needs the CAs that sign client certificates in the trust store of SSL bundle '"
                            + properties.getBundle() + "'");
        }
        apply(bundle, tls);
        tls.setVerify(verify);
        tls.setVerifyAndMap(properties.isVerifyAndMap());
        tls.setAllowNonTls(properties.isAllowNonTls());
        tls.setTimeout(positive("nats.server.tls.timeout", properties.getTimeout()));
    }

    private static void routeTls(NatsServerProperties.RouteTls properties, TlsOptions tls, NatsSslBundles bundles) {
        if (!StringUtils.hasText(properties.getBundle())) {
            return;
        }
        apply(bundles.getWithKey("nats.server.cluster.tls.bundle", properties.getBundle()), tls);
        tls.setTimeout(positive("nats.server.cluster.tls.timeout", properties.getTimeout()));
    }

    private static void apply(SslBundle bundle, TlsOptions tls) {
        tls.setKeyManagerFactory(bundle.getManagers().getKeyManagerFactory());
        tls.setTrustManagerFactory(bundle.getManagers().getTrustManagerFactory());
        SslOptions options = bundle.getOptions();
        if (options.getEnabledProtocols() != null) {
            tls.getProtocols().addAll(Arrays.asList(options.getEnabledProtocols()));
        }
        if (options.getCiphers() != null) {
            tls.getCiphers().addAll(Arrays.asList(options.getCiphers()));
        }
    }

    private static boolean hasTrustStore(SslBundle bundle) {
        return bundle.getStores().getTrustStore() != null;
    }

    private static @Nullable RouteCredentials routeCredentials(ServerOptions.Cluster cluster) {
        return (cluster.getUser() != null) ? new RouteCredentials(cluster.getUser(), cluster.getPassword()) : null;
    }

    private static void cluster(NatsServerProperties.Cluster properties, ServerOptions.Cluster cluster) {
        PropertyMapper map = PropertyMapper.get();
        map.from(properties::getName).whenHasText().to(cluster::setName);
        map.from(properties::getHost).whenHasText().to(cluster::setHost);
        map.from(properties::getPort)
            .when((port) -> port >= 0)
            .to((port) -> cluster.setPort(port("nats.server.cluster.port", port)));
        map.from(properties::getAdvertise).whenHasText().to(cluster::setAdvertise);
        map.from(properties::isNoAdvertise).to(cluster::setNoAdvertise);
        map.from(properties::getConnectRetries)
            .to((retries) -> cluster.setConnectRetries(notNegative("nats.server.cluster.connect-retries", retries)));
        NatsAuthorizationMapper.mapRoute(properties.getAuth(), cluster);
        RouteCredentials credentials = routeCredentials(cluster);
        notNegative("nats.server.cluster.min-routes", properties.getMinRoutes());
        List<String> routes = properties.getRoutes();
        for (int i = 0; i < routes.size(); i++) {
            String route = routes.get(i);
            try {
                RouteUrl.parse(route);
            }
            catch (IllegalArgumentException ex) {
                throw new InvalidNatsRouteException("nats.server.cluster.routes[" + i + "]", route, ex.getMessage());
            }
            cluster.getRoutes().add((credentials != null) ? credentials.seed(route.trim()) : route.trim());
        }
        NatsServerProperties.Discovery discovery = properties.getDiscovery();
        if (discovery.getDns() != null && !discovery.getDns().isBlank()) {
            int dnsPort = (discovery.getDnsPort() != null) ? discovery.getDnsPort()
                    : (cluster.getPort() > 0) ? cluster.getPort() : ServerOptions.DEFAULT_CLUSTER_PORT;
            if (dnsPort <= 0 || dnsPort > 65535) {
                throw new InvalidConfigurationPropertyValueException("nats.server.cluster.discovery.dns-port", dnsPort,
                        "must be between 1 and 65535");
            }
            RouteDiscovery dns = new DnsRouteDiscovery(discovery.getDns(), dnsPort,
                    positive("nats.server.cluster.discovery.refresh-interval", discovery.getRefreshInterval()));
            cluster.getDiscovery().add((credentials != null) ? credentials.discovery(dns) : dns);
        }
        TailnetDiscoveryMapper.map(properties, cluster,
                positive("nats.server.cluster.discovery.refresh-interval", discovery.getRefreshInterval()),
                credentials);
    }

    /**
     * The node's listeners need a port each: two on one port would fail to bind with "address in use", where the
     * process holding the port is the application itself.
     */
    private static void distinctPorts(NatsServerProperties properties) {
        int client = properties.getPort();
        Integer cluster = properties.getCluster().getPort();
        Integer monitoring = properties.getMonitoringPort();
        String clusterHost = properties.getCluster().getHost();
        boolean clusterShares = clusterHost == null || !StringUtils.hasText(clusterHost)
                || overlap(properties.getHost(), clusterHost);
        if (cluster != null && cluster > 0 && cluster == client && clusterShares) {
            throw new InvalidConfigurationPropertyValueException("nats.server.cluster.port", cluster,
                    "must differ from nats.server.port (" + client + "): the route listener and the client listener "
                            + "cannot share a port; set another one (0 picks a free port)");
        }
        if (monitoring != null && monitoring > 0 && monitoring == client) {
            throw new InvalidConfigurationPropertyValueException("nats.server.monitoring-port", monitoring,
                    "must differ from nats.server.port (" + client + "): the monitoring listener and the client "
                            + "listener cannot share a port; set another one (0 picks a free port)");
        }
        if (monitoring != null && monitoring > 0 && monitoring.equals(cluster)) {
            throw new InvalidConfigurationPropertyValueException("nats.server.monitoring-port", monitoring,
                    "must differ from nats.server.cluster.port (" + cluster + "): the monitoring listener and the "
                            + "route listener cannot share a port; set another one (0 picks a free port)");
        }
    }

    // two listen addresses compete for a port when equal or when either is every interface
    private static boolean overlap(String a, String b) {
        return a.equals(b) || a.equals("0.0.0.0") || b.equals("0.0.0.0") || a.equals("::") || b.equals("::");
    }

    private static int port(String property, int port) {
        if (port < 0 || port > 65535) {
            throw new InvalidConfigurationPropertyValueException(property, port,
                    "must be between 0 (a free port) and 65535");
        }
        return port;
    }

    private static int positive(String property, int value) {
        if (value <= 0) {
            throw new InvalidConfigurationPropertyValueException(property, value, "must be positive");
        }
        return value;
    }

    private static int notNegative(String property, int value) {
        if (value < 0) {
            throw new InvalidConfigurationPropertyValueException(property, value, "must not be negative");
        }
        return value;
    }

    private static Duration notNegative(String property, Duration value) {
        if (value.isNegative()) {
            throw new InvalidConfigurationPropertyValueException(property, value, "must not be negative");
        }
        return value;
    }

    private static Duration positive(String property, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationPropertyValueException(property, value, "must be positive");
        }
        return value;
    }

    private static long size(String property, DataSize size) {
        if (size.toBytes() <= 0) {
            throw new InvalidConfigurationPropertyValueException(property, size, "must be positive");
        }
        return size.toBytes();
    }

    private static int intSize(String property, DataSize size) {
        long bytes = size(property, size);
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidConfigurationPropertyValueException(property, size, "must be less than 2GB");
        }
        return (int) bytes;
    }

}
