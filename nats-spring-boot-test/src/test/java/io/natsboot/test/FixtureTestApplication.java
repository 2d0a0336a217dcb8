package io.natsboot.test;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.natsboot.server.options.RouteDiscovery;
import io.natsboot.server.options.RouteUrl;
import io.natsboot.spring.annotation.NatsListener;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The application under test: a listener on {@code orders.>} and, besides application.yml's seeds, a
 * {@code RouteDiscovery} bean that names the live node too.
 */
@SpringBootApplication
public class FixtureTestApplication {

    @Bean
    RouteDiscovery liveClusterDiscovery(Environment environment) {
        int port = environment.getProperty("test.live.cluster-port", Integer.class, 1);
        return () -> List.of(new RouteUrl("127.0.0.1", port, null, null));
    }

    @Bean
    Orders orders() {
        return new Orders();
    }

    /** Every payload the application's listener received. */
    public static class Orders {

        private final Queue<String> received = new ConcurrentLinkedQueue<>();

        @NatsListener(subject = "orders.>")
        void on(String payload) {
            this.received.add(payload);
        }

        public List<String> received() {
            return List.copyOf(this.received);
        }

    }

}
