package io.natsboot.autoconfigure;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * {@link NatsConnectionDetails} from {@link NatsClientProperties}, falling back to the embedded server's URL.
 *
 * @since 0.1.0
 */
public class PropertiesNatsConnectionDetails implements NatsConnectionDetails {

    /** Where a client goes when nothing says otherwise. */
    static final String DEFAULT_URL = "nats://localhost:4222";

    private final NatsClientProperties properties;

    private final @Nullable Supplier<String> embeddedUrl;

    /**
     * Creates details from the properties.
     * @param properties the client properties
     * @param embeddedUrl the embedded server's client URL when there is one, asked only when no server is set
     */
    public PropertiesNatsConnectionDetails(NatsClientProperties properties, @Nullable Supplier<String> embeddedUrl) {
        this.properties = properties;
        this.embeddedUrl = embeddedUrl;
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
        return this.properties.getUser();
    }

    @Override
    public @Nullable String getPassword() {
        return this.properties.getPassword();
    }

    @Override
    public @Nullable String getToken() {
        return this.properties.getToken();
    }

}
