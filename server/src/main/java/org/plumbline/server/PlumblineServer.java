package org.plumbline.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.plumbline.core.Core;
import org.plumbline.core.CoreConfig;
import org.plumbline.core.Database;
import org.plumbline.core.domain.DirectiveSigner;
import org.plumbline.server.api.AdminApi;
import org.plumbline.server.http.ApiErrors;
import org.plumbline.server.http.ApiException;
import org.plumbline.server.http.BodyLimit;
import org.plumbline.server.api.CaseApi;
import org.plumbline.server.api.DirectiveApi;
import org.plumbline.server.api.EngagementApi;
import org.plumbline.server.http.Json;
import org.plumbline.server.http.LogSafe;
import org.plumbline.server.api.LogReadApi;
import org.plumbline.server.api.OpenApiDocument;
import org.plumbline.server.api.RecordApi;
import org.plumbline.server.api.Route;
import org.plumbline.server.api.SessionApi;
import org.plumbline.server.api.SignalsApi;
import org.plumbline.server.auth.AccessPolicy;
import org.plumbline.server.auth.Authenticator;
import org.plumbline.server.auth.FirstAdministrator;
import org.plumbline.server.auth.Login;
import org.plumbline.server.auth.PasswordChange;
import org.plumbline.server.auth.TotpEnrolment;
import org.plumbline.server.auth.Permission;
import org.plumbline.server.auth.Principal;
import org.plumbline.server.auth.UserStore;
import org.plumbline.server.demo.DemoIntake;
import org.plumbline.server.demo.DemoLogin;
import org.plumbline.server.demo.DemoScenario;
import org.plumbline.server.demo.DemoUsage;
import org.plumbline.server.demo.DemoUsers;
import org.plumbline.server.intake.Intake;
import org.plumbline.server.intake.IntakeApi;
import org.plumbline.server.intake.RecipientKeys;
import org.plumbline.server.intake.Retention;
import org.plumbline.server.log.IntegrationLock;
import org.plumbline.server.log.LogPlace;
import org.plumbline.server.log.TransparencyLog;
import org.plumbline.log.note.SigningKey;
import org.plumbline.log.storage.LogStorage;
import org.plumbline.server.notify.Notifier;
import org.plumbline.server.notify.Preferences;
import org.plumbline.server.notify.Webhooks;
import org.plumbline.server.ops.Operations;
import org.plumbline.server.web.AccountPages;
import org.plumbline.server.web.AdminPages;
import org.plumbline.server.web.FindingPages;
import org.plumbline.server.web.IntakePages;
import org.plumbline.server.web.LogBrowserPages;
import org.plumbline.server.web.NotificationPages;
import org.plumbline.server.web.TransparencyPages;
import org.plumbline.server.log.QuarterReports;
import org.plumbline.server.web.ReadsPages;
import org.plumbline.server.web.SetupPages;
import org.plumbline.server.web.SingleSignOnPages;
import org.plumbline.server.web.Web;
import org.plumbline.server.auth.oidc.OidcFlow;
import org.plumbline.server.web.WebPages;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.plumbline.core.Database;
import org.plumbline.signals.cases.UsageSignals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Plumbline server: PostgreSQL (embedded or external), the JSON API under {@code /api}, the web UI and
 * the public read side of the log under {@code /log}. Start it with {@link #start(ServerConfig)}; close it
 * to stop serving and shut the embedded database down.
 */
public final class PlumblineServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlumblineServer.class);

    /** How often due periodic reviews are looked for (each due review opens a case). */
    static final Duration REVIEW_CHECK = Duration.ofMinutes(10);

    /**
     * How often the log is brought up to date: integrated by the instance holding the integration lock, read by
     * the others (which also try the lock, so one takes over within this long of the holder's death).
     */
    static final Duration LOG_INTERVAL = Duration.ofMillis(200);

    /** How long a stop waits for the requests in flight. */
    static final Duration STOP_WAIT = Duration.ofSeconds(20);

    /** How long a stop waits for a client that has gone quiet in the middle of a request. */
    static final Duration SLOW_CLIENT_WAIT = Duration.ofSeconds(5);

    /** The server's own migrations (V100+: users, sessions, tokens), applied in core's history. */
    static final String MIGRATIONS = "classpath:db/migration/server";

    private final Database database;
    private final Jdbi jdbi;
    private final Core core;
    private final TransparencyLog log;
    private final AutoCloseable reviewScheduler;
    private final UserStore users;
    private final FirstAdministrator first;
    private final Javalin app;
    private final List<Route> routes;
    private final UsageSignals signals;
    private Intake intake;
    private RecipientKeys recipientKeys;
    private Retention retention;
    private Notifier notifier;

    private PlumblineServer(Database database, Jdbi jdbi, Core core, TransparencyLog log, UserStore users,
                            FirstAdministrator first, Javalin app, List<Route> routes, UsageSignals signals) {
        this.first = first;
        this.signals = signals;
        this.database = database;
        this.jdbi = jdbi;
        this.core = core;
        this.reviewScheduler = core.reviews().schedule(REVIEW_CHECK);
        this.log = log;
        this.users = users;
        this.app = app;
        this.routes = routes;
    }

    public static PlumblineServer start(ServerConfig config) {
        Database database = config.databaseUrl().map(Database::fromUrl)
                .orElseGet(() -> Database.embedded(config.dataDir(), true));
        TransparencyLog log = null;
        try {
            database.migrate(MIGRATIONS);
            Core core = new Core(database, DirectiveSigner.loadOrCreate(config.keys().resolve("directive.key")),
                    CoreConfig.standard());
            log = openLog(config, database, core);
            return start(config, database, core, log);
        } catch (RuntimeException e) {
            if (log != null) {
                log.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * The log in its configured place, integrated by whichever instance on this database holds the integration
     * lock (this one, when it runs alone).
     */
    private static TransparencyLog openLog(ServerConfig config, Database database, Core core) {
        SigningKey key = TransparencyLog.loadOrCreateKey(config.keys().resolve("log.key"));
        LogPlace place = config.log();
        LogStorage storage;
        try {
            storage = place.open();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot open the log's storage " + place + ": " + e.getMessage(), e);
        }
        return TransparencyLog.open(storage, place.toString(), key, core.entries(), LOG_INTERVAL, config.witnessPolicy(),
                new IntegrationLock(database::sessionConnection));
    }

    private static PlumblineServer start(ServerConfig config, Database database, Core core, TransparencyLog log) {
        Clock clock = Clock.systemUTC();
        // Read before anything starts, so that a bad value stops the start cleanly.
        java.time.Period retentionPeriod = Retention.parse(Optional.ofNullable(System.getenv("PLUMBLINE_INTAKE_RETENTION")));
        // The server's tables get their own Jdbi over the shared pool; core's rows are written only by core.
        Jdbi jdbi = Jdbi.create(database.dataSource());
        // Exceptions carry the driver's message only, never the statement's bound arguments (passwords'
        // hashes, names, secrets): an exception's message ends up in the application log. Core does the same.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        UserStore users = new UserStore(jdbi);
        Authenticator authenticator = new Authenticator(users, clock);
        List<Route> routes = new ArrayList<>();
        Login login = new Login(users, clock, config.localPasswords());
        routes.addAll(new SessionApi(users, login, clock).routes());
        AdminApi admin = new AdminApi(users);
        routes.addAll(admin.routes());
        EngagementApi engagements = new EngagementApi(core, clock);
        CaseApi cases = new CaseApi(core, clock, users);
        DirectiveApi directives = new DirectiveApi(core, clock);
        RecordApi records = new RecordApi(core, log);
        routes.addAll(engagements.routes());
        routes.addAll(cases.routes());
        routes.addAll(directives.routes());
        routes.addAll(records.routes());
        routes.addAll(new LogReadApi(log).routes());
        UsageSignals signals = UsageSignals.open(core, config.dataDir(), config.scanInterval());
        SignalsApi signalsApi = new SignalsApi(core, signals, cases);
        routes.addAll(signalsApi.routes());
        Intake intake = new Intake(core, clock);
        RecipientKeys recipientKeys = new RecipientKeys(core, clock);
        login.onSignIn(recipientKeys::signedIn);
        routes.addAll(new IntakeApi(core, intake, recipientKeys, clock).routes());
        AtomicReference<Object> openApi = new AtomicReference<>();
        routes.add(Route.get("/api/openapi.json", Permission.PUBLIC_READ, "meta", "This API's OpenAPI 3.1 description",
                (ctx, p) -> ctx.json(openApi.get())));
        List<Route> all = List.copyOf(routes);
        openApi.set(OpenApiDocument.build(all));
        Operations operations = Operations.create(config.metricsToken(), database, core, log, signals);

        Javalin app = Javalin.create(cfg -> {
            cfg.useVirtualThreads = true;
            cfg.showJavalinBanner = false;
            // Graceful stop (SIGTERM): Jetty stops accepting, waits for the requests in flight (the
            // statistics handler counts them) for up to STOP_WAIT, and only then stops the rest.
            cfg.jetty.modifyServer(server -> {
                server.setHandler(new StatisticsHandler());
                server.setStopTimeout(STOP_WAIT.toMillis());
            });
            BodyLimit.install(cfg);
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, true));
            cfg.staticFiles.enableWebjars();
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/public";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
            });
            operations.configure(cfg);  // /healthz, /readyz, /metrics and request timing (docs/server.md, Operations)
        });
        app.before(PlumblineServer::securityHeaders);
        // The API's routes first: Javalin tries a request's path against each route's pattern in the order they
        // were added and stops at the first that matches, and the API is what machines call many times a second
        // (with the pages first, about 14% of a request thread's time went to trying the pages' patterns;
        // docs/PERFORMANCE.md). No API path matches a page's, so the order changes nothing else.
        for (Route route : all) {
            app.addHttpHandler(route.method(), route.path(), ctx -> {
                // The intake's anonymous routes never look at the server's cookies or tokens (Route.ownAuthentication).
                Principal principal = route.ownAuthentication() ? Principal.ANONYMOUS : authenticator.authenticate(ctx);
                AccessPolicy.authorize(route.permission(), principal);
                route.handler().handle(ctx, principal);
            });
        }
        Web web = new Web(app, authenticator, users, login, clock, config.oidc().isPresent());
        // Single sign-on: the provider's discovery document is read here, and a provider that cannot be read
        // or does not check out stops the start (docs/server.md, "Single sign-on").
        config.oidc().ifPresent(oidc -> new SingleSignOnPages(web,
                OidcFlow.start(oidc, jdbi, users, () -> "http://127.0.0.1:" + app.port(), clock)).register(app));
        FindingPages findingPages = new FindingPages(web, core, signalsApi, signals);
        new WebPages(web, core, clock, engagements, cases, directives, users, findingPages).register();
        findingPages.register();
        PasswordChange passwordChange = new PasswordChange(users, login);
        passwordChange.onChange(recipientKeys::passwordChanged);
        new AccountPages(web, users, new TotpEnrolment(users, login, clock), passwordChange).register();
        new AdminPages(web, users, admin).register();
        QuarterReports reports = new QuarterReports(log, core.records(), clock);
        new TransparencyPages(web, log, reports).register();
        new LogBrowserPages(web, core, reports).register();
        new ReadsPages(web, core, users).register();
        Notifier notifier = new Notifier(core, jdbi, users, config.notifications(), () -> "http://127.0.0.1:" + app.port(), clock);
        new NotificationPages(web, new Preferences(jdbi), new Webhooks(jdbi, clock, config.notifications().allowPrivateWebhooks()),
                notifier.emailOn()).register();
        new IntakePages(web, app, core, intake, recipientKeys, clock, users).register();
        FirstAdministrator first = new FirstAdministrator(users, config.localPasswords());
        new SetupPages(app, first).register();
        app.exception(Exception.class, (e, ctx) -> {
            ApiException api = ApiErrors.translate(e);
            if (api.status() == 503) {
                // Expected while PostgreSQL restarts, and /readyz already says so: one line, no stack trace.
                LOG.warn("database unavailable serving {} {}: {}", ctx.method(), LogSafe.escape(ctx.path()),
                        LogSafe.escape(rootMessage(e)));
            } else if (api.status() >= 500) {
                LOG.error("unhandled error serving {} {}", ctx.method(), LogSafe.escape(ctx.path()), LogSafe.escaped(e));
            }
            if (isMachinePath(ctx)) {
                ApiErrors.write(ctx, api);
            } else {
                ApiErrors.retryAfter(ctx, api);
                web.renderError(ctx, api.status(), api.getMessage());
            }
        });
        app.error(404, ctx -> {
            // Only Javalin's own "no such endpoint" answer is replaced; our handlers' 404s are already written.
            String result = ctx.result();
            if (result == null || result.isEmpty() || result.startsWith("Endpoint ")) {
                if (isMachinePath(ctx)) {
                    ApiErrors.write(ctx, ApiException.notFound(ctx.method() + " " + ctx.path()));
                } else {
                    web.renderError(ctx, 404, "There is no page at " + ctx.path() + ".");
                }
            }
        });
        try {
            app.start(config.host(), config.port());
            // While stopping, Jetty closes a connection that has been idle for this long, even mid-request;
            // its default (1 s) cut off a client still sending its body when SIGTERM came.
            for (Connector connector : app.jettyServer().server().getConnectors()) {
                if (connector instanceof AbstractConnector c) {
                    c.setShutdownIdleTimeout(SLOW_CLIENT_WAIT.toMillis());
                }
            }
        } catch (RuntimeException e) {
            signals.close();  // release the DuckDB file (e.g. the port was taken)
            throw e;
        }
        PlumblineServer server = new PlumblineServer(database, jdbi, core, log, users, first, app, all, signals);
        server.intake = intake;
        server.recipientKeys = recipientKeys;
        server.retention = Retention.start(core, retentionPeriod);
        server.notifier = notifier;
        notifier.start();  // new findings, assignments and deadlines, from the outbox (docs/server.md, "Notifications")
        return server;
    }

    /**
     * Headers every response carries: no MIME sniffing, no framing (clickjacking), no referrer leaking case
     * URLs to other sites ("same-origin", not "no-referrer", which would make browsers send Origin: null
     * on our own form posts and fail the CSRF origin check), and a content security policy that allows
     * only this origin's scripts (the pages have no inline script; inline styles are allowed for htmx's
     * indicator styles); and on the API, {@code Cache-Control: no-store}.
     */
    static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy",
                "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        if (ctx.path().startsWith("/api/")) {
            // API answers hold cases, users and evidence: no browser or proxy cache may keep them. A handler
            // serving something public and immutable (a record's logged bytes) replaces this with its own.
            ctx.header("Cache-Control", "no-store");
        }
    }

    /** The innermost cause's message: for a lost database, the driver's or the pool's own words. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static boolean isMachinePath(Context ctx) {
        // /log/records is the people's page for browsing the log; the rest of /log/ is tlog-tiles for machines.
        return ctx.path().startsWith("/api/") || (ctx.path().startsWith("/log/") && !ctx.path().equals("/log/records"));
    }

    /**
     * Refuses a database that is not the demo's to write to: one with any user who is not one of the
     * demo's people. The demo writes accounts with a published password and fictional cases.
     *
     * @throws IllegalStateException naming (some of) those users
     */
    public void requireDemoDatabase() {
        List<String> others = DemoUsers.othersThanDemo(users);
        if (!others.isEmpty()) {
            throw new IllegalStateException("this database holds users that are not the demo's ("
                    + String.join(", ", others.subList(0, Math.min(3, others.size()))) + (others.size() > 3 ? ", …" : "")
                    + "); the demo writes accounts with a published password and fictional cases, so it refuses to run on it");
        }
    }

    /**
     * Loads the demonstration: one user per role and the core demo scenario. Idempotent, so that a second
     * run on the same data directory keeps (and does not duplicate) what the first wrote.
     */
    public List<DemoLogin> loadDemo() {
        List<DemoLogin> logins = DemoUsers.ensure(users);
        // The metering is uploaded once the engagements exist, so its findings open the signals unit's case,
        // which the scenario then works.
        DemoScenario.Result result = new DemoScenario(core, DemoUsers.actors(users), () -> {
            int findings = DemoUsage.load(signals);
            LOG.info("demo usage: {} new findings from generated metering", findings);
        }).load();
        LOG.info("demo scenario: {} customers, {} engagements ({} new)", result.customersTotal(), result.engagementsTotal(),
                result.engagementsCreated());
        List<DemoLogin> all = new ArrayList<>(logins);
        DemoIntake.load(users, recipientKeys, intake, core).ifPresent(receipt ->
                all.add(new DemoLogin("reporter", "/report/return", "the waiting report's reporter", receipt, false)));
        logins = List.copyOf(all);
        // Integrated before returning, not at the integrator's next turn: whoever loaded the demo reads the
        // checkpoint next (demo --once verifies the newest record) and must find what was just loaded in it.
        try {
            log.catchUp();
        } catch (IOException | RuntimeException e) {
            LOG.warn("the demo's records are in the database; the log integrates them at its next turn ({})", e.getMessage());
            log.nudge();
        }
        return logins;
    }

    /**
     * For a production start: refuses a database that holds the demo's accounts (their password is
     * published), and, if the installation has no users yet, opens {@code /setup} for the first
     * administrator with {@code token} or a new one, which is returned to be shown once.
     *
     * @throws IllegalStateException if demo accounts are present
     */
    public Optional<String> openForProduction(Optional<String> token) {
        List<String> demo = DemoUsers.withPublishedPassword(users);
        if (!demo.isEmpty()) {
            throw new IllegalStateException("this database holds demo accounts whose password is published ("
                    + String.join(", ", demo) + "); serve a fresh --data-dir or database, not a demo's");
        }
        return first.open(token);
    }

    /** The port the server listens on. */
    public int port() {
        return app.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    List<Route> routes() {
        return routes;
    }

    UserStore users() {
        return users;
    }

    Database database() {
        return database;
    }

    /** Jdbi over the database's pool, for the server's own tables. */
    Jdbi jdbi() {
        return jdbi;
    }

    TransparencyLog log() {
        return log;
    }

    Core core() {
        return core;
    }

    UsageSignals signals() {
        return signals;
    }

    Notifier notifier() {
        return notifier;
    }

    @Override
    public void close() {
        try {
            reviewScheduler.close();
        } catch (Exception e) {
            LOG.warn("stopping the review scheduler failed", e);
        }
        if (retention != null) retention.close();
        if (notifier != null) notifier.close();
        app.stop();
        signals.close();
        log.close();
        database.close();
    }
}
