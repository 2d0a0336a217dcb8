package io.natsboot.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The measured traffic patterns. */
public enum Scenario {

    PUB("pub", "publish only: one connection publishes, rate counted until the server has acknowledged a flush"),
    PUBSUB("pubsub", "one publisher, one subscriber: messages received / time until the last one arrived"),
    FANOUT("fanout", "one publisher, N subscribers on the same subject: messages delivered in total"),
    QUEUE("queue", "one publisher, N members of one queue group: each message must be delivered exactly once"),
    REQREPLY("reqreply", "one requester doing synchronous requests to one responder: rate and latency"),
    REQREPLY_ASYNC("reqreply-async", "one requester keeping several requests in flight to one responder"),
    CLUSTER_PUBSUB("cluster-pubsub", "2-node cluster: publisher on node A, one subscriber on node B"),
    CLUSTER_QUEUE("cluster-queue", "2-node cluster: publisher on A, queue group with members on A and B (alternating)");

    private final String id;
    private final String description;

    Scenario(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    boolean isRequestReply() {
        return this == REQREPLY || this == REQREPLY_ASYNC;
    }

    /** Needs the 2-node cluster the load generator starts (publisher on node A, subscribers on node B). */
    boolean isCluster() {
        return this == CLUSTER_PUBSUB || this == CLUSTER_QUEUE;
    }

    static Scenario byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (n) {
            case "publish", "publish-only", "pub-only" -> n = "pub";
            case "pub-sub", "pub->sub" -> n = "pubsub";
            case "fan-out" -> n = "fanout";
            case "queue-group", "qgroup" -> n = "queue";
            case "req", "request", "request-reply", "req-reply", "reqrep" -> n = "reqreply";
            case "req-async", "request-reply-async", "reqreply-inflight" -> n = "reqreply-async";
            case "cluster", "cluster-pub-sub", "route-pubsub" -> n = "cluster-pubsub";
            case "cluster-queue-group", "cluster-qgroup", "route-queue" -> n = "cluster-queue";
            default -> { }
        }
        for (Scenario s : values()) {
            if (s.id.equals(n)) {
                return s;
            }
        }
        throw new LoadConfig.UsageException("unknown scenario '" + name + "' (" + ids() + " or all)");
    }

    static List<Scenario> parseList(String csv) {
        Set<Scenario> out = new LinkedHashSet<>();
        for (String part : csv.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            if (part.trim().equalsIgnoreCase("all")) {
                out.addAll(List.of(values()));
            } else {
                out.add(byName(part));
            }
        }
        return new ArrayList<>(out);
    }

    static String ids() {
        List<String> ids = new ArrayList<>();
        for (Scenario s : values()) {
            ids.add(s.id);
        }
        return String.join(", ", ids);
    }
}
