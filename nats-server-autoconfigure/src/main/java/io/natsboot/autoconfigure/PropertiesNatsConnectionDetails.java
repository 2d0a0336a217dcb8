package io.natsboot.autoconfigure;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;

/**
 * {@link NatsConnectionDetails} from {@link NatsClientProperties}, falling back to the embedded server's URL, and,
 * when the client goes to the embedded server and sets no credentials or bundle of its own, to the server's.
 *
 * @since 0.1.0
 */
public class PropertiesNatsConnectionDetails implements NatsConnectionDetails {

    /** Where a client goes when nothing says otherwise. */
    static final String DEFAULT_URL = "nats://localhost:4222";

    private final NatsClientProperties properties;

    private final @Nullable Supplier<String> embeddedUrl;

    private final @Nullable SslBundle sslBundle;

    private final @Nullable Supplier<EmbeddedClientDefaults> embeddedDefaults;

    /**
     * Creates details from the properties.
     * @param properties the client properties
     * @param embeddedUrl the embedded server's client URL when there is one, asked only when no server is set
     */
    public PropertiesNatsConnectionDetails(NatsClientProperties properties, @Nullable Supplier<String> embeddedUrl) {
        this(properties, embeddedUrl, null, null);
    }

    PropertiesNatsConnectionDetails(NatsClientProperties properties, @Nullable Supplier<String> embeddedUrl,
            @Nullable SslBundle sslBundle, @Nullable Supplier<EmbeddedClientDefaults> embeddedDefaults) {
        this.properties = properties;
        this.embeddedUrl = embeddedUrl;
        this.sslBundle = sslBundle;
        this.embeddedDefaults = embeddedDefaults;
    }

    @Override
    public List<String> getServers() {
        if (!this.properties.getServers().isEmpty()) {
            return List.copyOf(this.properties.getServers());
        }
        return List.of((this.embeddedUrl != null) ? this.embeddedUrl.get() : DEFAULT_URL);
    }

    @Override
    public @Nullable String getUser() {
        return hasOwnCredentials() ? this.properties.getUser() : embedded().user();
    }

    @Override
    public @Nullable String getPassword() {
        return hasOwnCredentials() ? this.properties.getPassword() : embedded().password();
    }

    @Override
    public @Nullable String getToken() {
        return hasOwnCredentials() ? this.properties.getToken() : embedded().token();
    }

    @Override
    public @Nullable SslBundle getSslBundle() {
        return (this.sslBundle != null) ? this.sslBundle : embedded().sslBundle();
    }

    private boolean hasOwnCredentials() {
        return this.properties.getUser() != null || this.properties.getToken() != null;
    }

    /** The embedded node's defaults, only when the client goes to the embedded node. */
    private EmbeddedClientDefaults embedded() {
        if (this.embeddedDefaults == null || !this.properties.getServers().isEmpty()) {
            return EmbeddedClientDefaults.NONE;
        }
        return this.embeddedDefaults.get();
    }

}
