package io.natsboot.demo;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.natsboot.spring.annotation.NatsListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Service;

/**
 * Bills new orders. All nodes share the {@code billing} queue group, so each order is billed once, by one node of
 * the cluster.
 */
@Service
public class BillingService {

    private static final Log logger = LogFactory.getLog(BillingService.class);

    private final NodeInfo node;

    private final List<HandledOrder> handled = new CopyOnWriteArrayList<>();

    public BillingService(NodeInfo node) {
        this.node = node;
    }

    @NatsListener(subject = "orders.new", queue = "billing")
    public void bill(Order order) {
        HandledOrder record = new HandledOrder(order, node.name(), node.port(), Instant.now());
        handled.add(record);
        logger.info("Billed order " + order.id() + " on node " + record.node() + " (port " + record.natsPort() + ")");
    }

    /** The orders this node billed, oldest first. */
    public List<HandledOrder> handled() {
        return List.copyOf(handled);
    }

}
