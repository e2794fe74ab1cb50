package dev.stateset.console.stateset.internal;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The snapshots this replica carries, from creation or adoption until their outcome is written (or another replica
 * holds them), under this replica's name in {@code job_snapshot.worker_id}.
 */
@Component
class CarriedSnapshots {

    private final String workerId = newWorkerId();
    private final Map<Long, CarriedSnapshot> carried = new ConcurrentHashMap<>();

    String workerId() {
        return workerId;
    }

    /** Starts carrying the snapshot; false when this replica carries it already. */
    boolean add(CarriedSnapshot snapshot) {
        return carried.putIfAbsent(snapshot.id, snapshot) == null;
    }

    boolean contains(long id) {
        return carried.containsKey(id);
    }

    void remove(long id) {
        carried.remove(id);
    }

    Set<Long> ids() {
        return carried.keySet();
    }

    private static String newWorkerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "console";
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        return (host.length() > 50 ? host.substring(0, 50) : host) + "-" + id;
    }
}
