package io.natsboot.demo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.natsboot.spring.core.NatsTemplate;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HTTP front of the demo: orders in, quotes through request/reply, and what this node billed. */
@RestController
public class OrderController {

    private final NatsTemplate nats;

    private final BillingService billing;

    private final NodeInfo node;

    public OrderController(NatsTemplate nats, BillingService billing, NodeInfo node) {
        this.nats = nats;
        this.billing = billing;
        this.node = node;
    }

    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Order placeOrder(@RequestBody Order order) {
        Order toSend = (order.id() == null || order.id().isBlank())
                ? new Order(UUID.randomUUID().toString(), order.item(), order.quantity()) : order;
        nats.publish("orders.new", toSend);
        return toSend;
    }

    @GetMapping("/quote")
    public PriceService.Quote quote(@RequestParam String item) {
        return nats.request("prices.quote", item, PriceService.Quote.class);
    }

    @GetMapping("/handled")
    public Map<String, Object> handled() {
        List<HandledOrder> orders = billing.handled();
        return Map.of("node", node.name(), "natsPort", node.port(), "orders", orders);
    }

}
