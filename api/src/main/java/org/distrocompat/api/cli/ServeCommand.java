package org.distrocompat.api.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.distrocompat.api.http.Server;
import org.distrocompat.api.http.ServerOptions;
import org.distrocompat.api.http.Sizes;
import org.distrocompat.api.schedule.RefreshPlan;
import org.distrocompat.core.check.WalkLimits;
import org.distrocompat.core.refresh.RefreshJob;
import org.distrocompat.db.Database;
import org.distrocompat.db.DatabaseUrl;
import org.distrocompat.db.error.UserException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: the HTTP API, the web page and, with {@code --refresh-every}, the scheduled refresh. */
@Command(name = "serve", header = "Serve the JSON API, the web page and the scheduled refresh",
        mixinStandardHelpOptions = true,
        description = {"Serves the JSON API (/api/..., described by /openapi.json), the web page (/), /healthz, "
                + "/readyz and /metrics from the embedded database (default) or a PostgreSQL server (--db).",
                "With --refresh-every, runs the refresh job on that schedule through a cluster-aware scheduler on the "
                        + "same PostgreSQL: any number of replicas on one database run each refresh once.",
                "Requests read through --read-db (a role that can only read) when given. Stops gracefully on "
                        + "SIGTERM or Ctrl-C."})
final class ServeCommand extends CommandBase implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "port to listen on (default: ${DEFAULT-VALUE}; 0: any)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    String bind;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--read-db", paramLabel = "URL",
            description = "PostgreSQL URL of a role that can only read, for request handling (default: the --db role "
                    + "in read-only sessions; env DISTROCOMPAT_READ_DB)")
    String readDb;

    @Mixin
    PolicyOptions policyOptions;

    @Option(names = "--refresh-every", paramLabel = "DURATION",
            description = "run the refresh job on this schedule inside the server: e.g. 24h, 6h, 30m")
    String refreshEvery;

    @Mixin
    RefreshJobOptions jobOptions;

    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "30s",
            description = "how often the replica running a refresh says it is alive; after four missed beats another "
                    + "replica takes the run over (default: ${DEFAULT-VALUE})")
    String heartbeat;

    @Option(names = "--replica", paramLabel = "NAME", description = "this replica's name in the scheduler's table "
            + "(default: host name and process id)")
    String replica;

    @Option(names = "--max-upload", paramLabel = "SIZE", defaultValue = "512MiB",
            description = "largest POST /api/check body; larger is 413 (default: ${DEFAULT-VALUE})")
    String maxUpload;

    @Option(names = "--max-expanded", paramLabel = "SIZE", defaultValue = "4GiB",
            description = "most bytes one upload may decompress to; more is 422 (default: ${DEFAULT-VALUE})")
    String maxExpanded;

    @Option(names = "--max-members", paramLabel = "N", defaultValue = "1000000",
            description = "most archive members one upload may hold; more is 422 (default: ${DEFAULT-VALUE})")
    long maxMembers;

    @Option(names = "--max-checks", paramLabel = "N",
            description = "checks that run at once (default: twice the processors)")
    Integer maxChecks;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "5s",
            description = "how often to look for new data in the database (default: ${DEFAULT-VALUE})")
    String poll;

    @Option(names = "--drain", paramLabel = "DURATION", defaultValue = "10s",
            description = "on shutdown, how long requests in flight may take to finish (default: ${DEFAULT-VALUE})")
    String drain;

    @Option(names = "--no-access-log", negatable = true, defaultValue = "true",
            description = "one line per request on stdout (default: on)")
    boolean accessLog;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ServerOptions options = new ServerOptions(bind, port, Sizes.parse(maxUpload),
                new WalkLimits(WalkLimits.DEFAULT.maxElfBytes(), Sizes.parse(maxExpanded), maxMembers),
                maxChecks != null ? maxChecks : 2 * Runtime.getRuntime().availableProcessors(),
                RefreshCommand.parseDuration(poll), RefreshCommand.parseDuration(drain), accessLog,
                policyOptions.config());
        RefreshPlan plan = plan();
        Database writer = database.open();
        Database reader = null;
        Server server;
        try {
            reader = openReader(writer);
            server = Server.start(options, writer, reader, plan, out, err);
        } catch (RuntimeException e) {
            if (reader != null) {
                reader.close();
            }
            writer.close();
            throw e;
        }
        Database readerToClose = reader;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            readerToClose.close();
            writer.close();
        }, "distrocompat-serve-shutdown"));
        err.println("distrocompat: serve: listening on http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":"
                + server.port() + "/ (" + writer.description() + (plan == null ? "" : "; refresh every "
                + plan.every() + " as " + plan.replica()) + ")");
        err.flush();
        server.awaitStop();
        return ExitCodes.OK;
    }

    private Database openReader(Database writer) {
        String url = readDb != null ? readDb : System.getenv("DISTROCOMPAT_READ_DB");
        int size = 8;
        if (url == null || url.isBlank()) {
            return writer.pooled("read", size, true);
        }
        Database external = Database.external(DatabaseUrl.parse(url));
        return external.pooled("read", size, true);
    }

    private RefreshPlan plan() {
        if (refreshEvery == null) {
            if (jobOptions.given()) {
                throw new UserException("--no-crawl, --sources, --cache and --out-dir go with --refresh-every");
            }
            return null;
        }
        Duration every = RefreshCommand.parseDuration(refreshEvery);
        RefreshJob job = jobOptions.job(policyOptions.config(), jobOptions.crawl());
        return new RefreshPlan(job, jobOptions.outDir(), every, RefreshCommand.parseDuration(heartbeat),
                replica != null ? replica : defaultReplica());
    }

    private static String defaultReplica() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
