package dev.stateset.console.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that hangs: a real listener on loopback that accepts every connection and never reads or answers, the way a
 * stuck process or a firewall that drops packets after the handshake behaves. Close it to let the callers go.
 */
public final class HungListener implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public HungListener(String name) {
        try {
            socket = new ServerSocket(0, 1000, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(
                () -> {
                    try {
                        while (true) {
                            held.add(socket.accept()); // kept open, never read, never written
                        }
                    } catch (IOException closed) {
                        // released
                    }
                },
                name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code http://127.0.0.1:port} */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** How many connections reached it. */
    public int connections() {
        return held.size();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket connection : held) {
            connection.close();
        }
        try {
            acceptor.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
