package io.natsboot.demo;

import java.math.BigDecimal;

import io.natsboot.spring.annotation.NatsListener;

import org.springframework.stereotype.Service;

/** Answers price requests on {@code prices.quote}; the return value is the reply. */
@Service
public class PriceService {

    private final NodeInfo node;

    public PriceService(NodeInfo node) {
        this.node = node;
    }

    @NatsListener(subject = "prices.quote", queue = "pricing")
    public Quote quote(String item) {
        // a made-up but stable price: 1.00 plus 0.25 per letter
        BigDecimal price = BigDecimal.ONE.add(BigDecimal.valueOf(item.length()).multiply(new BigDecimal("0.25")));
        return new Quote(item, price, node.name());
    }

    /** A price for an item, and the node that quoted it. */
    public record Quote(String item, BigDecimal price, String quotedBy) {
    }

}
