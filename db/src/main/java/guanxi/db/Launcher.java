package guanxi.db;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import sun.misc.Signal;

/**
 * Guanxi's bundled Neo4j Community: {@code java -cp guanxi-db.jar:lib/* guanxi.db.Launcher [--port P]
 * [--data DIR]}, password in env {@code GUANXI_DB_PASSWORD}. Prints exactly one line, {@code Guanxi
 * Neo4j ready at bolt://127.0.0.1:P}, once Bolt accepts connections; SIGINT/SIGTERM stop it cleanly
 * ({@code Guanxi Neo4j stopped}, exit 0). Neo4j's own logs go to DIR/neo4j/logs.
 */
public final class Launcher {
    static final int EXIT_USAGE = 2;
    static final int EXIT_IN_USE = 3;
    static final int EXIT_FAILED = 1;

    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private final int port;
    private final Path dataDir;
    private final Path home;
    private final Path importDir;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private DatabaseManagementService dbms;
    private boolean stopped;

    private Launcher(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
        this.home = dataDir.resolve("neo4j");
        this.importDir = dataDir.resolve("import");
    }

    public static void main(String[] args) {
        int port = 7687;
        String data = ".guanxi/db";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            if (a.equals("--port") && hasValue) {
                try {
                    port = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 1 || port > 65535) fail(EXIT_USAGE, "--port must be a number from 1 to 65535");
            } else if (a.equals("--data") && hasValue) {
                data = args[++i];
            } else {
                fail(EXIT_USAGE, "usage: guanxi.db.Launcher [--port P] [--data DIR]   (password in env GUANXI_DB_PASSWORD)");
            }
        }
        String password = System.getenv("GUANXI_DB_PASSWORD");
        if (password == null || password.isEmpty()) fail(EXIT_USAGE, "GUANXI_DB_PASSWORD is not set");
        if (password.codePoints().count() < Passwords.MIN_LENGTH) {
            fail(EXIT_USAGE, "the database password must be at least " + Passwords.MIN_LENGTH + " characters");
        }
        Launcher launcher = new Launcher(port, Path.of(data).toAbsolutePath().normalize());
        try {
            launcher.run(password);
        } catch (Throwable t) {
            String message = describe(t);
            launcher.stop();
            fail(EXIT_FAILED, message);
        }
    }

    private void run(String password) throws Exception {
        Files.createDirectories(home);
        Files.createDirectories(importDir);
        FileLock lock = lockDataDir();
        checkPortFree();

        boolean firstStart = Passwords.isFirstStart(home);
        if (firstStart) Passwords.writeInitialPassword(home, password);

        Signal.handle(new Signal("TERM"), s -> stopRequested.countDown());
        Signal.handle(new Signal("INT"), s -> stopRequested.countDown());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "guanxi-db-shutdown"));
        if ("1".equals(System.getenv("GUANXI_DB_STOP_ON_STDIN_EOF"))) watchStdin();

        DatabaseManagementService service;
        try {
            service = new DatabaseManagementServiceBuilder(home)
                    .setConfig(DbSettings.forLauncher(importDir, port))
                    .build();
        } catch (Throwable t) {
            if (causeIs(t, BindException.class) || Passwords.causeChainMentions(t, "Address already in use")) {
                fail(EXIT_IN_USE, "port " + port + " on 127.0.0.1 is already in use");
            }
            throw t;
        }
        synchronized (this) {
            dbms = service;
        }
        GraphDatabaseService db = service.database("neo4j");
        if (!db.isAvailable(120_000)) throw new IllegalStateException("database 'neo4j' did not become available");
        Passwords.syncPassword(service, password); // no-op unless the password changed since last start
        waitForBolt();

        if (stopRequested.getCount() > 0) {
            OUT.println("Guanxi Neo4j ready at bolt://" + DbSettings.LOOPBACK + ":" + port);
            OUT.flush();
        }
        stopRequested.await();
        stop();
        lock.release();
        System.exit(0);
    }

    /** Shuts the DBMS down once (signal path and shutdown hook both call this). */
    private synchronized void stop() {
        if (stopped || dbms == null) return;
        stopped = true;
        try {
            dbms.shutdown();
            OUT.println("Guanxi Neo4j stopped");
        } catch (Throwable t) {
            ERR.println("guanxi-db: error while stopping Neo4j: " + describe(t));
        }
        OUT.flush();
    }

    /**
     * The Node wrapper keeps our stdin open and never writes to it: EOF means the parent is gone (even
     * killed with SIGKILL), so stop instead of lingering as an orphan that holds the port and DIR.
     */
    private void watchStdin() {
        Thread t = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // ignore input
                }
            } catch (IOException e) {
                // closed: same as EOF
            }
            stopRequested.countDown();
        }, "guanxi-db-stdin-watch");
        t.setDaemon(true);
        t.start();
    }

    /** Our own lock, so a second launcher on the same DIR fails at once with a clear message. */
    private FileLock lockDataDir() throws IOException {
        Path lockFile = dataDir.resolve("launcher.lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            fail(EXIT_IN_USE, "the data directory " + dataDir + " is in use by another Guanxi Neo4j (" + lockFile + " is locked)");
        }
        return lock;
    }

    private void checkPortFree() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getByName(DbSettings.LOOPBACK), port));
        } catch (IOException e) {
            fail(EXIT_IN_USE, "port " + port + " on 127.0.0.1 is already in use (" + e.getMessage() + ")");
        }
    }

    private void waitForBolt() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByName(DbSettings.LOOPBACK), port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Bolt does not accept connections on 127.0.0.1:" + port);
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean causeIs(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String top = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? top : top + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /** One clear line on stderr, then exit without running Neo4j's shutdown (nothing to save). */
    static void fail(int code, String message) {
        ERR.println("guanxi-db: " + message);
        ERR.flush();
        OUT.flush();
        Runtime.getRuntime().halt(code);
    }
}
