package guanxi.db;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.config.Setting;

/** The Neo4j settings of Guanxi's bundled database: Bolt on 127.0.0.1 only, auth on, memory set explicitly. */
final class DbSettings {
    static final String LOOPBACK = "127.0.0.1";
    static final String DEFAULT_PAGE_CACHE = "256m";

    private DbSettings() {}

    /**
     * @param importDir root of LOAD CSV file:/// URLs (DIR/import)
     */
    static Map<Setting<?>, Object> forLauncher(Path importDir, int port) {
        Map<Setting<?>, Object> s = new LinkedHashMap<>(); // neo4j_home: set by the builder

        // Network: Bolt on loopback only; no HTTP(S). Advertised address = listen address, so the routing
        // table handed to neo4j:// drivers points back at 127.0.0.1:P.
        s.put(GraphDatabaseSettings.default_listen_address, new SocketAddress(LOOPBACK));
        s.put(GraphDatabaseSettings.default_advertised_address, new SocketAddress(LOOPBACK));
        s.put(BoltConnector.enabled, true);
        s.put(BoltConnector.listen_address, new SocketAddress(LOOPBACK, port));
        s.put(BoltConnector.advertised_address, new SocketAddress(LOOPBACK, port));
        s.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        s.put(HttpConnector.enabled, false);
        s.put(HttpsConnector.enabled, false);
        // Bolt's Netty event loops otherwise wait a 5 s quiet period, twice, on every shutdown; by then
        // all connections are closed already, so stopping at once loses nothing.
        s.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);

        // Security: auth on, LOAD CSV from file:/// URLs resolved inside DIR/import.
        s.put(GraphDatabaseSettings.auth_enabled, true);
        s.put(GraphDatabaseSettings.allow_file_urls, true);
        s.put(GraphDatabaseSettings.load_csv_file_url_root, importDir);
        s.put(GraphDatabaseSettings.udc_enabled, false);

        // Memory: page cache explicit (env GUANXI_DB_PAGECACHE, default 256m); the heap is the JVM's -Xmx.
        // All transactions together may use at most ~60% of the heap, so a huge transaction fails with a
        // clear Neo4j error instead of an OutOfMemoryError that takes the whole DBMS down.
        s.put(GraphDatabaseSettings.pagecache_memory, SettingValueParsers.BYTES.parse(pageCache()));
        long heap = Runtime.getRuntime().maxMemory();
        s.put(GraphDatabaseSettings.memory_transaction_global_max_size, Math.max(64L << 20, heap / 10 * 6));

        // Transaction logs: keep a bounded amount on a developer machine (default keeps 2 days).
        s.put(GraphDatabaseSettings.keep_logical_logs, "2 files");
        return s;
    }

    static String pageCache() {
        String v = System.getenv("GUANXI_DB_PAGECACHE");
        return v == null || v.isBlank() ? DEFAULT_PAGE_CACHE : v.trim();
    }
}
