package io.natsboot.autoconfigure;

import io.nats.client.Connection;
import io.nats.client.Options;
import io.nats.client.impl.NatsbootInProcessDataPort;
import io.natsboot.autoconfigure.NatsClientProperties.Transport;
import io.natsboot.boot.client.NatsClientConnector;
import io.natsboot.boot.client.NatsConnectionLifecycle;
import io.natsboot.boot.client.NatsConnectionLogger;
import io.natsboot.boot.server.EmbeddedNatsServer;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the application's
 * jnats {@link Connection}, to the embedded node unless {@code nats.client.servers} says otherwise. The nats-spring
 * beans on top of it come from {@link NatsSpringAutoConfiguration}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { NatsServerAutoConfiguration.class, SslAutoConfiguration.class })
@ConditionalOnClass(Connection.class)
@EnableConfigurationProperties(NatsClientProperties.class)
public final class NatsClientAutoConfiguration {

    NatsClientAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(NatsConnectionDetails.class)
    PropertiesNatsConnectionDetails natsConnectionDetails(NatsClientProperties properties,
            ObjectProvider<EmbeddedNatsServer> embeddedServer, ObjectProvider<SslBundles> sslBundles) {
        EmbeddedNatsServer embedded = embeddedServer.getIfAvailable();
        String bundleName = properties.getTls().getBundle();
        SslBundle bundle = StringUtils.hasText(bundleName)
                ? new NatsSslBundles(sslBundles.getIfAvailable()).get("nats.client.tls.bundle", bundleName) : null;
        return new PropertiesNatsConnectionDetails(properties, embeddedUrl(properties, embedded),
                bundle, (embedded != null) ? () -> EmbeddedClientDefaults.of(embedded.getOptions()) : null);
    }

    /**
     * The embedded node's URL for the application's connection: in-process unless {@code nats.client.transport=tcp}
     * or the node takes users from client certificates ({@code verify-and-map}); {@code in-process} without an
     * embedded node, with {@code nats.client.servers}, or with {@code verify-and-map}, is refused.
     */
    private static @Nullable Supplier<String> embeddedUrl(NatsClientProperties properties,
            @Nullable EmbeddedNatsServer embedded) {
        Transport transport = properties.getTransport();
        if (transport == Transport.IN_PROCESS && (embedded == null || !properties.getServers().isEmpty())) {
            throw new InvalidConfigurationPropertyValueException("nats.client.transport", "in-process",
                    (embedded == null) ? "in-process reaches the embedded node, which is not enabled: enable it"
                            + " (nats.server.enabled=true) or use tcp"
                            : "in-process reaches the embedded node, and nats.client.servers names others: unset"
                                    + " nats.client.servers or use tcp");
        }
        if (embedded == null) {
            return null;
        }
        // users named by client certificates: an in-process connection has none, so it could not log in
        boolean certificateUsers = embedded.getOptions().getTls().isVerifyAndMap();
        if (transport == Transport.IN_PROCESS && certificateUsers) {
            throw new InvalidConfigurationPropertyValueException("nats.client.transport", "in-process",
                    "an in-process connection presents no certificate, and nats.server.tls.verify-and-map takes the"
                            + " user from it: use tcp (the default then)");
        }
        boolean tcp = transport == Transport.TCP || (transport == null && certificateUsers);
        return tcp ? embedded::getClientUrl : embedded::getInProcessUrl;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Connection.class)
    static class NatsConnectionConfiguration {

        @Bean
        Connection natsConnection(NatsConnectionDetails connectionDetails, NatsClientProperties properties,
                ObjectProvider<NatsOptionsBuilderCustomizer> customizers, ObjectProvider<EmbeddedNatsServer> embedded,
                Environment environment) throws InterruptedException {
            Options.Builder builder = optionsBuilder(connectionDetails, properties, environment);
            // before the customizers: a listener of the application's own replaces it
            NatsConnectionLogger connectionLogger = new NatsConnectionLogger(() -> {
                EmbeddedNatsServer server = embedded.getIfUnique();
                return (server != null && server.isRunning()) ? server.getClientUrl() : null;
            });
            builder.connectionListener(connectionLogger).errorListener(connectionLogger);
            customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
            return NatsClientConnector.connect(builder.build(), properties.isFailOnStartup());
        }

        @Bean
        NatsConnectionLifecycle natsConnectionLifecycle(Connection natsConnection, NatsClientProperties properties) {
            return new NatsConnectionLifecycle(natsConnection, properties.getDrainTimeout());
        }

    }

    static Options.Builder optionsBuilder(NatsConnectionDetails details, NatsClientProperties properties,
            Environment environment) {
        Options.Builder builder = new Options.Builder();
        PropertyMapper map = PropertyMapper.get();
        map.from(details::getServers).as((servers) -> servers.toArray(String[]::new)).to(builder::servers);
        if (details.getServers().stream().anyMatch(NatsbootInProcessDataPort::isInProcessUrl)) {
            // the in-process host is no DNS name; other URLs (a cluster's connect_urls) still go over TCP
            builder.dataPortType(NatsbootInProcessDataPort.class.getName()).noResolveHostnames();
        }
        map.from(properties::getConnectionName)
            .orFrom(() -> environment.getProperty("spring.application.name"))
            .whenHasText()
            .to(builder::connectionName);
        map.from(details::getUser).whenHasText().to((user) -> builder.userInfo(user, details.getPassword()));
        map.from(details::getToken).whenHasText().as(String::toCharArray).to(builder::token);
        map.from(properties::getMaxReconnects).to(builder::maxReconnects);
        map.from(properties::getReconnectWait).to(builder::reconnectWait);
        map.from(properties::getConnectionTimeout).to(builder::connectionTimeout);
        map.from(properties::getPingInterval).to(builder::pingInterval);
        map.from(properties::getInboxPrefix).whenHasText().to(builder::inboxPrefix);
        map.from(properties::isNoEcho).whenTrue().toCall(builder::noEcho);
        map.from(details::getSslBundle).as(SslBundle::createSslContext).to(builder::sslContext);
        return builder;
    }

}
