package guanxi.db;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.fs.FileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * The password of the {@code neo4j} user, without any moment where Bolt accepts {@code neo4j/neo4j}.
 *
 * <p>Before the very first start, {@link #writeInitialPassword} does what {@code neo4j-admin dbms
 * set-initial-password} does (Neo4j's own classes write {@code data/dbms/auth.ini}); Neo4j creates the
 * user from it when it initialises the system database. On later starts {@link #syncPassword} changes
 * the stored password through the system database when the one given differs.
 */
final class Passwords {
    static final String USER = "neo4j";
    /** Neo4j's default {@code dbms.security.auth_minimum_password_length}. */
    static final int MIN_LENGTH = 8;

    private Passwords() {}

    /** True before the first start: no system database yet, so the initial password file still counts. */
    static boolean isFirstStart(Path home) {
        return !Files.isDirectory(home.resolve("data").resolve("databases").resolve("system"));
    }

    static void writeInitialPassword(Path home, String password) throws Exception {
        Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
        Path file = CommunitySecurityModule.getInitialUserRepositoryFile(config);
        try (FileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            fs.mkdirs(file.getParent());
            if (fs.fileExists(file)) fs.deleteFile(file);
            FileUserRepository users =
                    new FileUserRepository(fs, file, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            users.start();
            try {
                SystemGraphCredential credential = SystemGraphCredential.createCredentialForPassword(
                        password.getBytes(StandardCharsets.UTF_8), new SecureHasher());
                users.create(new User(USER, null, credential, false, false));
            } finally {
                users.shutdown();
            }
        }
    }

    /**
     * Makes {@code neo4j}'s password {@code password} (no change required). Returns true if it had to be
     * changed. The check reads the user node of the system graph directly (no Cypher: the first query
     * would cost seconds of planner warm-up on every start); only a mismatch runs ALTER USER.
     */
    static boolean syncPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database("system");
        if (alreadySet(system, password)) return false;
        system.executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        return true;
    }

    private static boolean alreadySet(GraphDatabaseService system, String password) {
        try (Transaction tx = system.beginTx()) {
            Node user = tx.findNode(Label.label("User"), "name", USER);
            if (user == null) return false;
            if (!Boolean.FALSE.equals(user.getProperty("passwordChangeRequired", Boolean.TRUE))) return false;
            Object stored = user.getProperty("credentials", null);
            if (!(stored instanceof String serialized)) return false;
            return SystemGraphCredential.deserialize(serialized, new SecureHasher())
                    .matchesPassword(password.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return false; // unexpected layout: let ALTER USER decide
        }
    }

    static boolean causeChainMentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains(text)) return true;
        }
        return false;
    }
}
