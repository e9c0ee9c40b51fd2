package org.abscopal.neo4jlocal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with only the Bolt connector, bound to loopback, for local
 * development and tests on machines without Docker. Usage: {@code Neo4jLocal <dataDir> <port>}.
 *
 * <p>It stops on SIGTERM/SIGINT (shutdown hook) and also when its standard input reaches end of
 * file: the Node parent keeps a pipe open, so if the parent dies without signalling, the
 * database still shuts down cleanly instead of lingering as an orphan that holds the store lock.
 */
public final class Neo4jLocal {
    private Neo4jLocal() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: Neo4jLocal <data-directory> <bolt-port>");
            System.exit(64);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port;
        try {
            port = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            System.err.println("bolt port must be a number, got: " + args[1]);
            System.exit(64);
            return;
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                // Local use only: the port is bound to loopback, so auth adds nothing but set-up.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Keep the footprint small: the curated graph is tiny, logs need not pile up. A large
                // graph (the benchmark's 100k synthetic studies) asks for more with -Dneo4j.local.pagecache=1g.
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(System.getProperty("neo4j.local.pagecache", "128m")))
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // Ctrl-C should return promptly: Bolt's Netty shutdown otherwise waits out a quiet
                // period and timeout (about 10 s here) for connections that are already gone.
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2))
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "neo4j-local-shutdown"));

        // Touch the default database so "ready" means queries will be answered.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        System.out.println("neo4j-local ready bolt://127.0.0.1:" + port);
        System.out.flush();

        Thread stdinWatch = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() != -1) {
                    // Input is ignored; only end of file matters.
                }
            } catch (IOException ignored) {
                // A broken pipe means the parent is gone, same as end of file.
            }
            System.exit(0);
        }, "neo4j-local-stdin-watch");
        stdinWatch.setDaemon(true);
        stdinWatch.start();

        stopped.await();
    }
}
