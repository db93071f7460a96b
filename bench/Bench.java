import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark behind docs/benchmarks.md, run by bench/run.sh: the packaged service against a fake OpenAI-compatible
 * upstream with a configurable latency (in this JVM), load from wrk, everything compared side by side in one run.
 *
 * <p>The service runs on its own CPU ({@code BENCH_SERVICE_CPUS}); this program, the fake and wrk share the other
 * ({@code BENCH_LOAD_CPUS}), so that the service, not the load generator, is what saturates. The cache hits' baselines
 * run in the extension floor, started on the service's CPU with the service's JVM options and environment. Start-up
 * is measured with both CPUs for every application.
 *
 * <p>Usage: {@code java bench/Bench.java <service jar> <bare app jar> <extension floor jar> <report.md>}, each jar a
 * {@code quarkus-run.jar}.
 */
public class Bench {

    static final String SERVICE_CPUS = env("BENCH_SERVICE_CPUS", "1");
    static final String LOAD_CPUS = env("BENCH_LOAD_CPUS", "0");
    static final String ALL_CPUS = env("BENCH_ALL_CPUS", "0,1");
    static final int SECONDS = Integer.parseInt(env("BENCH_SECONDS", "10"));
    static final int ROUNDS = Integer.parseInt(env("BENCH_ROUNDS", "3"));
    static final int STARTS = Integer.parseInt(env("BENCH_STARTS", "5"));
    /** Warm-up rounds of the cache-hit loads before the measured ones: the JIT takes several runs to settle. */
    static final int WARMUPS = Integer.parseInt(env("BENCH_WARMUPS", "3"));
    /** Sections to run, comma-separated (startup, hits, misses, singleflight, long); all when unset. */
    static final List<String> ONLY = List.of(env("BENCH_ONLY", "startup,hits,misses,singleflight,long").split(","));
    /** Where the service's Java Flight Recording goes; none when empty. */
    static final String PROFILE = env("BENCH_PROFILE", "");
    static final Path CORPUS = Path.of("src/test/resources/corpus/orangesum-abstract/source_documents.txt");

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8)).build();

    final Path serviceJar;
    final Path bareJar;
    final Path floorJar;
    final Path report;
    final Path work;
    final FakeUpstream fake;
    final List<String> articles;
    final StringBuilder out = new StringBuilder();
    /** The goals, as each section measures them. */
    final List<Goal> goals = new ArrayList<>();
    /** Latency distributions for the chart: a panel per load, a series per thing compared. */
    final Map<String, Map<String, Wrk>> distributions = new java.util.LinkedHashMap<>();

    Bench(Path serviceJar, Path bareJar, Path floorJar, Path report) throws IOException {
        this.serviceJar = serviceJar;
        this.bareJar = bareJar;
        this.floorJar = floorJar;
        this.report = report;
        this.work = Files.createTempDirectory("precis-bench");
        this.fake = FakeUpstream.start();
        this.articles = Files.readAllLines(CORPUS, StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java bench/Bench.java <service jar> <bare app jar> <extension floor jar> "
                    + "<report.md>");
            System.exit(2);
        }
        Bench bench = new Bench(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
        try {
            bench.run();
        } finally {
            bench.fake.close();
        }
        // The HTTP client's and the fake's pools would keep this JVM alive.
        System.exit(0);
    }

    static boolean selected(String section) {
        return ONLY.contains(section);
    }

    void run() throws Exception {
        line("# precis benchmark");
        line("");
        line("- Date: " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        line("- Machine: " + cpuModel() + ", " + cpuCount() + " CPUs, "
                + memory() + "; " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        line("- Service on CPU " + SERVICE_CPUS + "; wrk, this program and the fake upstream on CPU " + LOAD_CPUS
                + "; " + SECONDS + " s per wrk run, " + ROUNDS + " rounds alternated, medians reported.");
        line("");
        if (selected("startup")) {
            startUp();
        }
        try (App service = App.start("service", serviceJar, SERVICE_CPUS, appEnv(PROFILE))) {
            if (selected("hits")) {
                cacheHits(service);
            }
            if (selected("misses")) {
                missOverhead(service);
                saturatedMisses(service);
            }
            if (selected("singleflight")) {
                singleFlight(service);
                distinctAtOnce(service);
            }
            if (selected("long")) {
                longArticle(service);
            }
        }
        if (!goals.isEmpty()) {
            goalSummary();
        }
        Files.writeString(report, out.toString());
        System.out.println();
        System.out.println("Report written to " + report);
    }

    /**
     * The service's environment, given to the extension floor too: the same configuration and the same JVM options,
     * so that the floor's baselines run as the service would.
     *
     * @param recording where the JVM writes a Java Flight Recording when it stops (where its time goes); none when
     *                  empty
     */
    Map<String, String> appEnv(String recording) {
        Map<String, String> env = new HashMap<>();
        env.put("LLM_PROVIDER", "openai");
        env.put("LLM_BASE_URL", fake.url() + "/v1");
        env.put("LLM_MODEL", "bench-model");
        env.put("RATE_LIMIT_PER_MINUTE", "0");
        // Every article counts against a key's characters, cached or not: thousands of hits a second would be 429s.
        env.put("RATE_LIMIT_CHARACTERS_PER_MINUTE", "0");
        // The packaged service requires API keys unless told otherwise; the benchmark calls it without.
        env.put("API_AUTH", "disabled");
        if (!recording.isEmpty()) {
            env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,filename=" + recording);
        }
        return env;
    }

    // 1. Cache hits against the baseline ---------------------------------------------------------------------------

    void cacheHits(App service) throws Exception {
        section("1. Cache hits against the baseline");
        String body = json("text", articles.get(0), "summaryLanguage", "en", "targetLanguage", "en");
        HttpResponse<String> first = post(service.url("/api/v1/digests"), body);
        require(first.statusCode() == 200, "first digest: " + first.statusCode() + " " + first.body());
        HttpResponse<String> hit = post(service.url("/api/v1/digests"), body);
        require(hit.body().contains("\"cached\":true"), "second digest was not a cache hit: " + hit.body());
        // The floor's recording goes next to the service's, so that a profiled run slows both sides alike.
        String floorRecording = PROFILE.isEmpty() ? "" : PROFILE.replaceFirst("(\\.jfr)?$", "-floor.jfr");
        try (App floor = App.start("extension floor", floorJar, SERVICE_CPUS, appEnv(floorRecording))) {
            HttpResponse<String> set = HTTP.send(HttpRequest.newBuilder(URI.create(floor.url("/bench/baseline")))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(hit.body()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            require(set.statusCode() == 204, "setting the baseline: " + set.statusCode() + " " + set.body());
            HttpResponse<String> baseline = post(floor.url("/bench/baseline"), body);
            require(baseline.body().equals(hit.body()), "the HTTP baseline does not answer the same bytes");
            HttpResponse<String> boundAnswer = post(floor.url("/bench/baseline/json"), body);
            require(boundAnswer.body().equals(hit.body()), "the JSON baseline does not answer the same bytes: "
                    + boundAnswer.body());
            hitLoads(service, floor, body, hit.body().length());
        }
    }

    /** The four loads of section 1, alternated between the service and the extension floor, and their table. */
    void hitLoads(App service, App floor, String body, int answerBytes) throws Exception {
        Path script = lua("hit.lua", "wrk.method = \"POST\"\nwrk.body = " + luaString(body)
                + "\nwrk.headers[\"Content-Type\"] = \"application/json\"\n");
        // The same article with other trailing whitespace on every request: the same digest, but a text this process
        // has not seen, so it is normalized again on a worker thread before the cache answers.
        String prefix = "{\"text\": \"" + jsonEscape(articles.get(0));
        Path varied = lua("hit-varied.lua", "local prefix = " + luaString(prefix)
                + "\nlocal suffix = '\", \"summaryLanguage\": \"en\", \"targetLanguage\": \"en\"}'\n"
                + "local n = 0\nrequest = function()\n  n = n + 1\n  local k, pad = n, ''\n"
                + "  while k > 0 do\n    pad = pad .. ((k % 2 == 1) and '\\\\t' or ' ')\n"
                + "    k = math.floor(k / 2)\n  end\n"
                + "  return wrk.format('POST', nil, {['Content-Type'] = 'application/json'}, prefix .. pad .. suffix)\n"
                + "end\n");
        List<App> apps = List.of(service, service, floor, floor);
        List<String> paths = List.of("/api/v1/digests", "/api/v1/digests", "/bench/baseline", "/bench/baseline/json");
        List<Path> scripts = List.of(script, varied, script, script);
        List<List<Wrk>> runs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        // Both JVMs are pinned to the same CPU and stay up, so that neither loses its warm-up: the one not loaded must
        // not take CPU from the one that is. Each run waits for the other JVM to go quiet, and the most CPU time it
        // used during one measured run says whether it stayed idle.
        long idleCpu = 0;
        // Warm-up rounds first: the JIT takes more than one run to settle on four paths.
        for (int round = -WARMUPS; round < ROUNDS; round++) {
            for (int i = 0; i < paths.size(); i++) {
                App idle = apps.get(i) == service ? floor : service;
                idle.settle();
                long idleBefore = idle.cpuMillis();
                Wrk run = wrk(apps.get(i).url(paths.get(i)), scripts.get(i), 32, SECONDS);
                long idleUsed = idle.cpuMillis() - idleBefore;
                System.out.println("    meanwhile, the idle " + idle.name + " used " + idleUsed + " ms of CPU");
                if (round >= 0) {
                    runs.get(i).add(run);
                    idleCpu = Math.max(idleCpu, idleUsed);
                }
            }
        }
        line("Request: `POST /api/v1/digests`, " + body.length() + " bytes of JSON (an OrangeSum article, an English "
                + "summary and translation), answered from the cache with " + answerBytes + " bytes. Two baselines "
                + "answer the same bytes to the same request with no application logic: `POST /bench/baseline` reads "
                + "the request as bytes and writes the answer as bytes (HTTP only); `POST /bench/baseline/json` binds "
                + "the request to a record shaped like the digest request and has the framework's JSON writer "
                + "serialize the answer (HTTP and JSON binding). All three on the event loop. A fourth load sends the "
                + "same article with other trailing whitespace each time: the same digest, from the cache, but a text "
                + "the service has not seen, normalized again on a worker thread (the ratios are for the plain hit). "
                + "wrk, 1 thread, 32 connections, " + SECONDS + " s per run, the four alternated for " + ROUNDS
                + " rounds after " + WARMUPS + " warm-up rounds; medians.");
        line("");
        line("The baselines run in the extension floor (section 5: the service's extensions and configuration, none of "
                + "its code), so that the service's jar holds only the service: a second JVM, started like the "
                + "service, with its environment, on its CPU " + SERVICE_CPUS + ". Both stay up for this section, and "
                + "each run starts once the other JVM is quiet; the one not loaded used at most " + idleCpu
                + " ms of CPU during any measured run of " + SECONDS + " s (from /proc, in steps of 10 ms).");
        line("");
        Wrk hits = Wrk.median(runs.get(0));
        Wrk variedHits = Wrk.median(runs.get(1));
        Wrk http = Wrk.median(runs.get(2));
        Wrk bound = Wrk.median(runs.get(3));
        table("", "requests/s", "p50", "p99", "errors");
        row("cache hit", fmt(hits.rps), ms(hits.p50), ms(hits.p99), String.valueOf(hits.errors));
        row("cache hit, other whitespace each time", fmt(variedHits.rps), ms(variedHits.p50), ms(variedHits.p99),
                String.valueOf(variedHits.errors));
        row("baseline: HTTP only", fmt(http.rps), ms(http.p50), ms(http.p99), String.valueOf(http.errors));
        row("baseline: HTTP and JSON binding", fmt(bound.rps), ms(bound.p50), ms(bound.p99),
                String.valueOf(bound.errors));
        row("**ratio to HTTP only**", ratio(hits.rps / http.rps) + " (goal ≥ 0.70)", ratio(hits.p50 / http.p50),
                ratio(hits.p99 / http.p99), "");
        row("**ratio to HTTP and JSON**", ratio(hits.rps / bound.rps) + " (goal ≥ 0.85)", ratio(hits.p50 / bound.p50),
                ratio(hits.p99 / bound.p99), "");
        goal("cache-hit throughput ÷ HTTP-only baseline", hits.rps / http.rps, 0.70, false);
        goal("cache-hit throughput ÷ JSON-binding baseline", hits.rps / bound.rps, 0.85, false);
        Map<String, Wrk> panel = new java.util.LinkedHashMap<>();
        panel.put("cache hit", hits);
        panel.put("baseline: HTTP only", http);
        panel.put("baseline: HTTP and JSON", bound);
        distributions.put("Cache hits, 32 connections", panel);
        line("");
        line("Rounds (requests/s, hit / hit with other whitespace / HTTP only / HTTP and JSON): "
                + String.join(", ", rounds(runs)));
        line("");
    }

    // 2. Miss-path overhead at 60 ms ------------------------------------------------------------------------------

    void missOverhead(App service) throws Exception {
        section("2. Miss path at 60 ms upstream latency");
        fake.latency(Duration.ofMillis(60));
        // The miss path's JIT settles more slowly than a single warm-up run: its throughput still rose from round to
        // round after one.
        for (int warm = 0; warm < WARMUPS; warm++) {
            wrk(service.url("/api/v1/summaries"), missScript("warm" + warm), 8, SECONDS);
        }
        Path direct = lua("direct.lua", "wrk.method = \"POST\"\nwrk.body = " + luaString(openAiRequest(articles.get(1)))
                + "\nwrk.headers[\"Content-Type\"] = \"application/json\"\n");
        List<Wrk> viaService = new ArrayList<>();
        List<Wrk> toFake = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            viaService.add(wrk(service.url("/api/v1/summaries"), missScript("miss" + round), 8, SECONDS));
            toFake.add(wrk(fake.url() + "/v1/chat/completions", direct, 8, SECONDS));
        }
        Wrk svc = Wrk.median(viaService);
        Wrk up = Wrk.median(toFake);
        // Each client warmed up once, then measured; the two alternated.
        String chat = fake.url() + "/v1/chat/completions";
        String request = openAiRequest(articles.get(1));
        vertxClient(chat, request, 8, Math.max(2, SECONDS / 4));
        jdkClient(chat, request, 8, Math.max(2, SECONDS / 4));
        Wrk vertx = vertxClient(chat, request, 8, SECONDS);
        Wrk jdk = jdkClient(chat, request, 8, SECONDS);
        line("Every request a new article (`POST /api/v1/summaries`, one upstream call each), 8 connections, after "
                + WARMUPS + " warm-up runs of other new articles, " + SECONDS + " s per run, the service and the fake "
                + "alternated for " + ROUNDS + " rounds (medians), against "
                + "the same fake called directly by wrk with a request of the same size. The fake streams its "
                + "answer, three words an event, to every request that asks, as the service's do and the direct ones "
                + "too. For reference, the fake called from 8 threads in the benchmark's process by Vert.x's HTTP "
                + "client, the one the service calls providers with, and by the JDK's, which it used before, each "
                + "thread waiting for the whole body.");
        line("");
        table("", "requests/s", "p50", "p99", "errors");
        row("service, cache miss", fmt(svc.rps), ms(svc.p50), ms(svc.p99), String.valueOf(svc.errors));
        row("fake upstream, direct", fmt(up.rps), ms(up.p50), ms(up.p99), String.valueOf(up.errors));
        row("fake upstream, Vert.x HTTP client", fmt(vertx.rps), ms(vertx.p50), ms(vertx.p99),
                String.valueOf(vertx.errors));
        row("fake upstream, JDK HTTP client", fmt(jdk.rps), ms(jdk.p50), ms(jdk.p99), String.valueOf(jdk.errors));
        row("**overhead**", "", ms(svc.p50 - up.p50) + " (goal ≤ 2 ms)", ms(svc.p99 - up.p99) + " (goal ≤ 10 ms)", "");
        goal("miss-path overhead at p50, ms", svc.p50 - up.p50, 2, true);
        goal("miss-path overhead at p99, ms", svc.p99 - up.p99, 10, true);
        Map<String, Wrk> panel = new java.util.LinkedHashMap<>();
        panel.put("service, cache miss", svc);
        panel.put("fake upstream, direct", up);
        panel.put("fake upstream, Vert.x HTTP client", vertx);
        panel.put("fake upstream, JDK HTTP client", jdk);
        distributions.put("Misses at 60 ms upstream latency, 8 connections", panel);
        line("");
    }

    void saturatedMisses(App service) throws Exception {
        section("2b. Saturated miss throughput at 60 ms");
        fake.latency(Duration.ofMillis(60));
        Path direct = lua("direct.lua", "wrk.method = \"POST\"\nwrk.body = " + luaString(openAiRequest(articles.get(1)))
                + "\nwrk.headers[\"Content-Type\"] = \"application/json\"\n");
        Wrk svc = wrk(service.url("/api/v1/summaries"), missScript("saturated"), 64, SECONDS);
        Wrk up = wrk(fake.url() + "/v1/chat/completions", direct, 32, SECONDS);
        line("64 connections of new articles against the service, whose bulkhead lets 32 calls through at once "
                + "(`LLM_MAX_CONCURRENCY`); the fake called directly by 32 connections.");
        line("");
        table("", "requests/s", "p50", "p99", "errors");
        row("service, cache miss", fmt(svc.rps), ms(svc.p50), ms(svc.p99), String.valueOf(svc.errors));
        row("fake upstream, direct", fmt(up.rps), ms(up.p50), ms(up.p99), String.valueOf(up.errors));
        row("**ratio**", ratio(svc.rps / up.rps) + " (goal ≥ 0.85)", "", "", "");
        goal("saturated misses ÷ the fake called directly", svc.rps / up.rps, 0.85, false);
        line("");
    }

    // 3. Single flight --------------------------------------------------------------------------------------------

    void singleFlight(App service) throws Exception {
        section("3. Single flight");
        fake.latency(Duration.ofMillis(60));
        line("N identical digests (summary and translation) sent at once, each N with an article not seen before.");
        line("");
        table("concurrent identical requests", "answered 200", "upstream calls (summary + translation)", "goal");
        for (int n : new int[] {100, 1000}) {
            fake.reset();
            String body = json("text", articles.get(2) + "\n\nDépêche " + n + " envoyée en même temps.",
                    "targetLanguage", "en");
            List<HttpResponse<String>> responses = all(n, i -> postAsync(service.url("/api/v1/digests"), body));
            long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
            row(String.valueOf(n), ok + " / " + n, fake.calls("summary") + " + " + fake.calls("translation"), "1 + 1");
        }
        line("");
    }

    void distinctAtOnce(App service) throws Exception {
        section("3b. Distinct articles at once");
        Duration latency = Duration.ofMillis(60);
        fake.latency(latency);
        line("N different articles sent at once (`POST /api/v1/summaries`, one upstream call each), upstream latency "
                + latency.toMillis() + " ms; the time until the last answer, against one upstream latency.");
        line("");
        table("N", "all answered after: median (3 tries)", "÷ upstream latency", "goal");
        for (int n : new int[] {1, 8, 16, 32}) {
            // Warm-up with other articles, so that the JIT is not what is measured.
            int size = n;
            all(n, i -> postAsync(service.url("/api/v1/summaries"), json("text", articles.get(i % articles.size())
                    + "\n\nÉchauffement " + size + "-" + i + ".", "language", "en")));
            double[] took = new double[3];
            for (int repeat = 0; repeat < took.length; repeat++) {
                int batch = repeat;
                long started = System.nanoTime();
                List<HttpResponse<String>> responses = all(n, i -> postAsync(service.url("/api/v1/summaries"),
                        json("text", articles.get((i + 7) % articles.size()) + "\n\nLot " + size + "-" + batch
                                + "-" + i + ".", "language", "en")));
                took[repeat] = (System.nanoTime() - started) / 1e6;
                require(responses.stream().allMatch(r -> r.statusCode() == 200), "a distinct request failed");
            }
            double median = median(took.clone());
            row(String.valueOf(n), ms(median) + " (" + ms(took[0]) + ", " + ms(took[1]) + ", " + ms(took[2]) + ")",
                    ratio(median / latency.toMillis()), "≤ 1.3");
            goal(n + " distinct articles at once ÷ one upstream latency", median / latency.toMillis(), 1.3, true);
        }
        line("");
    }

    // 4. The 50 000-character article -----------------------------------------------------------------------------

    void longArticle(App service) throws Exception {
        section("4. A 50 000-character article");
        Duration latency = Duration.ofMillis(500);
        fake.latency(latency);
        // A first long article, with no paragraph in common (chunks are cached), warms the path up: JIT, pools.
        String warmUp = longText(60);
        require(post(service.url("/api/v1/translations"), json("text", warmUp, "targetLanguage", "en"))
                .statusCode() == 200, "long translation warm-up failed");
        fake.reset();
        String text = longText(10);
        long started = System.nanoTime();
        HttpResponse<String> response = post(service.url("/api/v1/translations"), json("text", text,
                "targetLanguage", "en"));
        double took = (System.nanoTime() - started) / 1e6;
        require(response.statusCode() == 200, "long translation: " + response.statusCode() + " " + response.body());
        int chunks = fake.calls("translation");
        int parallelism = 4;
        int expected = (chunks + parallelism - 1) / parallelism;
        line("Translation of " + text.length() + " characters, upstream latency " + latency.toMillis()
                + " ms per call, `LLM_CHUNK_PARALLELISM` " + parallelism + ", after another such article has warmed "
                + "the path up.");
        line("");
        table("chunks", "wall time", "÷ one chunk's latency", "goal: ceil(chunks / parallelism)");
        row(String.valueOf(chunks), ms(took), ratio(took / latency.toMillis()), String.valueOf(expected));
        line("");
    }

    /** 50 000 characters of French news, from the corpus article {@code first} on. */
    String longText(int first) {
        StringBuilder article = new StringBuilder();
        for (int i = first; article.length() < 50_000; i++) {
            article.append(articles.get(i % articles.size())).append("\n\n");
        }
        return article.substring(0, 50_000).strip();
    }

    // 5. Start-up and memory --------------------------------------------------------------------------------------

    void startUp() throws Exception {
        section("5. Start-up and memory");
        Path archive = serviceJar.resolveSibling("app-cds.jsa");
        boolean appCds = Files.exists(archive);
        line("Each started " + STARTS + " times, alternated, with `java -jar …/quarkus-run.jar` and no JVM options, on "
                + "CPUs " + ALL_CPUS + "; time from launch to the first answer (polled every 5 ms), and resident "
                + "memory (VmRSS) right after it; medians. The service answers `GET /api/v1/languages` with the fake "
                + "upstream as its model (`LLM_PROVIDER=openai`); for it, also the time until its readiness is UP "
                + "(its language detector's models load off the start-up path, and readiness waits for them) and the "
                + "memory then. The bare app is a Quarkus REST app of the same "
                + "version with one `GET /hello`. The extension floor is that same endpoint built with the service's "
                + "own pom.xml and configuration, every extension and library the service ships, and none of its "
                + "code: what the service cannot go below without dropping an extension. It also holds section 1's "
                + "two baseline endpoints, not called here."
                + (appCds ? " The service with AppCDS is the same jar started with the class-data archive its build "
                        + "made (`quarkus.package.jar.aot.enabled`, `-XX:SharedArchiveFile=app-cds.jsa`), as the "
                        + "container image would start it." : ""));
        line("");
        Map<String, List<double[]>> starts = new java.util.LinkedHashMap<>();
        starts.put("service", new ArrayList<>());
        if (appCds) {
            starts.put("service with AppCDS", new ArrayList<>());
        }
        starts.put("extension floor", new ArrayList<>());
        starts.put("bare Quarkus REST", new ArrayList<>());
        for (int i = 0; i < STARTS; i++) {
            starts.get("service").add(firstAnswer(serviceJar, appEnv(PROFILE), "/api/v1/languages", List.of(), true));
            if (appCds) {
                starts.get("service with AppCDS").add(firstAnswer(serviceJar, appEnv(PROFILE), "/api/v1/languages",
                        List.of("-XX:SharedArchiveFile=app-cds.jsa"), true));
            }
            starts.get("extension floor").add(firstAnswer(floorJar, Map.of(), "/hello", List.of(), false));
            starts.get("bare Quarkus REST").add(firstAnswer(bareJar, Map.of(), "/hello", List.of(), false));
        }
        Map<String, double[]> medians = new java.util.LinkedHashMap<>();
        starts.forEach((app, runs) -> medians.put(app, new double[] {
            median(runs.stream().mapToDouble(r -> r[0]).toArray()),
            median(runs.stream().mapToDouble(r -> r[1]).toArray()),
            median(runs.stream().mapToDouble(r -> r[2]).toArray()),
            median(runs.stream().mapToDouble(r -> r[3]).toArray())}));
        double[] bare = medians.get("bare Quarkus REST");
        double[] floor = medians.get("extension floor");
        double[] service = medians.get("service");
        table("", "start-up to first answer", "RSS after it", "ready (readiness UP)", "RSS then");
        medians.forEach((app, m) -> row(app, ms(m[0]), mb(m[1]), Double.isNaN(m[2]) ? "" : ms(m[2]),
                Double.isNaN(m[3]) ? "" : mb(m[3])));
        row("service ÷ bare", ratio(service[0] / bare[0]), ratio(service[1] / bare[1]), "", "");
        row("extension floor ÷ bare", ratio(floor[0] / bare[0]), ratio(floor[1] / bare[1]), "", "");
        row("**service ÷ extension floor**", ratio(service[0] / floor[0]) + " (goal ≤ 1.15)",
                ratio(service[1] / floor[1]) + " (goal ≤ 1.3)", ratio(service[2] / floor[0]),
                ratio(service[3] / floor[1]));
        goal("start-up to first answer ÷ extension floor", service[0] / floor[0], 1.15, true);
        goal("RSS after it ÷ extension floor", service[1] / floor[1], 1.3, true);
        if (appCds) {
            double[] cds = medians.get("service with AppCDS");
            row("service with AppCDS ÷ extension floor", ratio(cds[0] / floor[0]), ratio(cds[1] / floor[1]),
                    ratio(cds[2] / floor[0]), ratio(cds[3] / floor[1]));
            row("service with AppCDS ÷ service", ratio(cds[0] / service[0]), ratio(cds[1] / service[1]),
                    ratio(cds[2] / service[2]), ratio(cds[3] / service[3]));
        }
        line("");
    }

    /**
     * Starts a jar and measures it once: time to the first answer of {@code path} and RSS then; with
     * {@code untilReady}, also the time until readiness is UP and RSS then (NaN otherwise).
     */
    double[] firstAnswer(Path jar, Map<String, String> env, String path, List<String> options, boolean untilReady)
            throws Exception {
        int port = freePort();
        int management = freePort();
        Map<String, String> all = new HashMap<>(env);
        all.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        all.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
        long started = System.nanoTime();
        Process process = launch(jar, ALL_CPUS, all, work.resolve("start.log"), options);
        try {
            awaitOk(process, URI.create("http://127.0.0.1:" + port + path));
            double took = (System.nanoTime() - started) / 1e6;
            double rss = rssKb(process.pid()) / 1024.0;
            if (!untilReady) {
                return new double[] {took, rss, Double.NaN, Double.NaN};
            }
            awaitOk(process, URI.create("http://127.0.0.1:" + management + "/q/health/ready"));
            double ready = (System.nanoTime() - started) / 1e6;
            return new double[] {took, rss, ready, rssKb(process.pid()) / 1024.0};
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Polls a URI every 5 ms until it answers 200. */
    void awaitOk(Process process, URI uri) throws Exception {
        while (true) {
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            require(process.isAlive(), "the application exited; see " + work.resolve("start.log"));
            Thread.sleep(5);
        }
    }

    // Load ---------------------------------------------------------------------------------------------------------

    Path missScript(String tag) throws IOException {
        // Each request a different article: one of the corpus with a numbered last line.
        StringBuilder lua = new StringBuilder("local articles = {\n");
        for (int i = 0; i < 50; i++) {
            lua.append("  ").append(luaString(jsonEscape(articles.get(i)))).append(",\n");
        }
        lua.append("}\nlocal n = 0\nrequest = function()\n  n = n + 1\n"
                + "  local body = '{\"text\": \"' .. articles[(n % #articles) + 1] .. '\\\\n\\\\nDépêche " + tag
                + " numéro ' .. n .. '.\", \"language\": \"en\"}'\n"
                + "  return wrk.format(\"POST\", nil, {[\"Content-Type\"] = \"application/json\"}, body)\nend\n");
        return lua("miss-" + tag + ".lua", lua.toString());
    }

    Wrk wrk(String url, Path script, int connections, int seconds) throws Exception {
        List<String> command = List.of("taskset", "-c", LOAD_CPUS, "wrk", "-t1", "-c" + connections,
                "-d" + seconds + "s", "--latency", "-s", script.toString(), url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        require(process.waitFor() == 0, "wrk failed: " + output);
        Wrk result = Wrk.parse(output);
        System.out.printf(Locale.ROOT, "  wrk %-45s c=%-3d %9.1f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d%n",
                url.replaceFirst("http://127.0.0.1:\\d+", ""), connections, result.rps, result.p50, result.p99,
                result.errors);
        return result;
    }

    Path lua(String name, String text) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    static List<HttpResponse<String>> all(int n,
            java.util.function.IntFunction<CompletableFuture<HttpResponse<String>>> request) {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(request.apply(i));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(request(url, body), HttpResponse.BodyHandlers.ofString());
    }

    static CompletableFuture<HttpResponse<String>> postAsync(String url, String body) {
        return HTTP.sendAsync(request(url, body), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest request(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** An OpenAI chat request about as large as the service's, for calling the fake directly. */
    static String openAiRequest(String article) {
        return "{\"model\": \"bench-model\", \"stream\": true, \"temperature\": 0.2, \"max_tokens\": 400,"
                + " \"messages\": ["
                + "{\"role\": \"system\", \"content\": \"You write a summary in English.\"},"
                + "{\"role\": \"user\", \"content\": \"<<<ARTICLE 0>>>\\n" + jsonEscape(article)
                + "\\n<<<END ARTICLE 0>>>\"}]}";
    }

    // Processes ----------------------------------------------------------------------------------------------------

    static Process launch(Path jar, String cpus, Map<String, String> env, Path log) throws IOException {
        return launch(jar, cpus, env, log, List.of());
    }

    /**
     * Starts {@code java [options] -jar jar}; with options, from the jar's directory with the jar's bare name, since
     * an AppCDS archive holds the class path as it was written when it was made ({@code quarkus-run.jar}).
     */
    static Process launch(Path jar, String cpus, Map<String, String> env, Path log, List<String> options)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", cpus, "java"));
        command.addAll(options);
        command.addAll(List.of("-jar", options.isEmpty() ? jar.toString() : jar.getFileName().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        if (!options.isEmpty()) {
            builder.directory(jar.toAbsolutePath().getParent().toFile());
        }
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * A Quarkus app started for the throughput parts: the service, once for all of them, or the extension floor for
     * the cache hits' baselines.
     */
    static final class App implements AutoCloseable {
        final String name;
        final Process process;
        final int port;

        private App(String name, Process process, int port) {
            this.name = name;
            this.process = process;
            this.port = port;
        }

        static App start(String name, Path jar, String cpus, Map<String, String> env) throws Exception {
            int port = freePort();
            int management = freePort();
            Map<String, String> all = new HashMap<>(env);
            all.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            // The packaged service (and the floor, built with its configuration) answer health on a management port.
            all.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
            Path log = Path.of(System.getProperty("java.io.tmpdir"), "precis-bench-" + name.replace(' ', '-') + ".log");
            App app = new App(name, launch(jar, cpus, all, log), port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try {
                    URI health = URI.create("http://127.0.0.1:" + management + "/q/health/ready");
                    if (HTTP.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return app;
                    }
                } catch (IOException notYet) {
                    // Starting.
                }
                Thread.sleep(50);
            }
            app.close();
            throw new IllegalStateException("the " + name + " did not become ready; see " + log);
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        /** The CPU time this JVM has used so far, all threads, user and system, in milliseconds. */
        long cpuMillis() throws IOException {
            // taskset execs java, so the process is the JVM. The name in parentheses may hold spaces: fields are
            // counted after it, from the state (field 3 of proc(5)) on.
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime, fields 14 and 15, in clock ticks: 1/100 s (USER_HZ) on Linux.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        }

        /**
         * Waits, for at most 5 s, until this JVM uses at most 10 ms of CPU in half a second: after a load, it goes on
         * compiling and collecting for up to a second.
         */
        void settle() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            long before = cpuMillis();
            while (System.nanoTime() < deadline) {
                Thread.sleep(500);
                long now = cpuMillis();
                if (now - before <= 10) {
                    return;
                }
                before = now;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    // The fake upstream --------------------------------------------------------------------------------------------

    /**
     * An OpenAI-compatible chat-completions server that answers after a fixed latency: an English summary, or an
     * English "translation" shaped like the article, so that the service's output checks accept both at the first
     * call (a defect would cost a corrective call).
     */
    static final class FakeUpstream implements AutoCloseable {
        static final Pattern ARTICLE = Pattern.compile("<<<ARTICLE ([0-9a-f]+)>>>(.*?)<<<END ARTICLE \\1>>>",
                Pattern.DOTALL);
        /**
         * A medium summary that any article's output checks accept: English, three to five sentences, and no name or
         * number the article might not have.
         */
        static final String SUMMARY = "The article reports on a recent event and on the reactions it has drawn so "
                + "far. It describes what happened, who was involved and what the authorities have said about it. "
                + "Several witnesses quoted in the piece give their own account of the facts and of their "
                + "consequences. The article also explains what is expected to happen next and which questions remain "
                + "open for now.";
        static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
        static final Pattern QUOTE = Pattern.compile("«|“");
        static final Pattern STREAM = Pattern.compile("\"stream\"\\s*:\\s*true");
        /** Three words with their spacing: a streamed event's text. */
        static final Pattern PIECE = Pattern.compile("(?:\\S+\\s*){1,3}|\\s+");
        static final String PARAGRAPH = "The talks are being held behind closed doors, in the presence of two "
                + "ministers from each side. This unusual format reflects the wish of both countries to limit media "
                + "coverage of the discussions, which cover several sensitive issues.";

        final HttpServer server;
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        volatile Duration latency = Duration.ZERO;

        private FakeUpstream(HttpServer server) {
            this.server = server;
        }

        static FakeUpstream start() throws IOException {
            // Without it, Nagle's algorithm and delayed ACKs add tens of milliseconds to answers sent in two writes.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
            FakeUpstream fake = new FakeUpstream(server);
            server.createContext("/v1/chat/completions", fake::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return fake;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void latency(Duration latency) {
            this.latency = latency;
        }

        void reset() {
            calls.clear();
        }

        int calls(String task) {
            AtomicInteger count = calls.get(task);
            return count == null ? 0 : count.get();
        }

        void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                // Both tasks share the system message and the article; the task after the article tells them apart.
                boolean translation = request.contains("Task: translate");
                calls.computeIfAbsent(translation ? "translation" : "summary", k -> new AtomicInteger())
                        .incrementAndGet();
                // The instructions name the markers too: the article is the longest text between them.
                Matcher article = ARTICLE.matcher(request);
                String text = "";
                while (article.find()) {
                    text = article.group(2).length() > text.length() ? article.group(2) : text;
                }
                String answer = translation ? translation(text) : SUMMARY;
                sleep(latency);
                if (STREAM.matcher(request).find()) {
                    stream(exchange, answer, text);
                    return;
                }
                String body = "{\"id\": \"chatcmpl-bench\", \"object\": \"chat.completion\", \"created\": "
                        + (System.currentTimeMillis() / 1000) + ", \"model\": \"bench-model\","
                        + " \"choices\": [{\"index\": 0,"
                        + " \"message\": {\"role\": \"assistant\", \"content\": \"" + jsonEscape(answer) + "\"},"
                        + " \"finish_reason\": \"stop\"}], \"usage\": {\"prompt_tokens\": " + (text.length() / 4)
                        + ", \"completion_tokens\": " + (answer.length() / 4) + ", \"total_tokens\": "
                        + ((text.length() + answer.length()) / 4) + "}}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }

        /**
         * The answer as OpenAI streams it: server-sent events of a few words each (a token or two each from OpenAI),
         * then one with the finish reason, one with the usage, and {@code [DONE]}, written as they are made.
         */
        static void stream(HttpExchange exchange, String answer, String article) throws IOException {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            String head = "{\"id\": \"chatcmpl-bench\", \"object\": \"chat.completion.chunk\", \"created\": "
                    + (System.currentTimeMillis() / 1000) + ", \"model\": \"bench-model\", \"choices\": [";
            try (OutputStream out = exchange.getResponseBody()) {
                Matcher words = PIECE.matcher(answer);
                while (words.find()) {
                    out.write(("data: " + head + "{\"index\": 0, \"delta\": {\"content\": \""
                            + jsonEscape(words.group()) + "\"}}]}\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write(("data: " + head + "{\"index\": 0, \"delta\": {}, \"finish_reason\": \"stop\"}]}\n\n"
                        + "data: " + head + "], \"usage\": {\"prompt_tokens\": " + (article.length() / 4)
                        + ", \"completion_tokens\": " + (answer.length() / 4) + ", \"total_tokens\": "
                        + ((article.length() + answer.length()) / 4) + "}}\n\ndata: [DONE]\n\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }

        /**
         * A "translation" the output checks accept: a paragraph of English for each of the article's, about as long,
         * with the paragraph's numbers and as many quotations.
         *
         * @param article the article as it is in the JSON request: escaped, paragraphs split by {@code \\n\\n}
         */
        static String translation(String article) {
            List<String> paragraphs = new ArrayList<>();
            for (String paragraph : article.strip().split(Pattern.quote("\\n\\n"))) {
                if (paragraph.isBlank() || paragraph.startsWith("Title: ")) {
                    continue;
                }
                StringBuilder english = new StringBuilder("This is the translated paragraph.");
                Matcher number = NUMBER.matcher(paragraph);
                List<String> numbers = new ArrayList<>();
                while (number.find()) {
                    numbers.add(number.group());
                }
                if (!numbers.isEmpty()) {
                    english.append(" It gives the figures ").append(String.join(", ", numbers)).append('.');
                }
                Matcher quote = QUOTE.matcher(paragraph);
                while (quote.find()) {
                    english.append(" Someone said: “We will see what happens next.”");
                }
                while (english.length() < paragraph.length() * 0.9) {
                    english.append(' ').append(PARAGRAPH);
                }
                paragraphs.add(english.toString());
            }
            return String.join("\n\n", paragraphs);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    // wrk output ---------------------------------------------------------------------------------------------------

    /** The latency at a quantile of sorted nanoseconds, in milliseconds. */
    static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))] / 1e6;
    }

    /** Requests sent back to back from {@code threads} threads with the JDK's HTTP client for {@code seconds}. */
    static Wrk jdkClient(String url, String body, int threads, int seconds) throws Exception {
        return clientLoad("JDK HTTP client", url, () -> post(url, body).statusCode(), threads, seconds);
    }

    /**
     * Requests sent back to back from {@code threads} threads for {@code seconds} with Vert.x's HTTP client as the
     * service uses it for providers: HTTP/1.1, each thread waiting for its answer while an event loop does the I/O.
     */
    static Wrk vertxClient(String url, String body, int threads, int seconds) throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
        try {
            io.vertx.core.http.HttpClient client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                    .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_1_1).setMaxPoolSize(64));
            return clientLoad("Vert.x HTTP client", url, () -> client.request(new io.vertx.core.http.RequestOptions()
                            .setMethod(io.vertx.core.http.HttpMethod.POST).setAbsoluteURI(url)
                            .putHeader("Content-Type", "application/json"))
                    .compose(request -> request.send(body))
                    .compose(response -> response.body().map(answer -> response.statusCode()))
                    .toCompletionStage().toCompletableFuture().get(), threads, seconds);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    static Wrk clientLoad(String name, String url, java.util.concurrent.Callable<Integer> send, int threads,
            int seconds) throws Exception {
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread sender = new Thread(() -> {
                while (System.nanoTime() < until) {
                    long started = System.nanoTime();
                    try {
                        if (send.call() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - started);
                }
            });
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        Wrk result = new Wrk(sorted.length / (double) seconds, at(sorted, 0.50), at(sorted, 0.75), at(sorted, 0.90),
                at(sorted, 0.99), errors.get());
        System.out.printf("  %-18s %-35s c=%-4d %9.1f req/s  p50 %8.2f ms  p99 %8.2f ms  errors %d%n", name, url,
                threads, result.rps, result.p50, result.p99, result.errors);
        return result;
    }

    /**
     * A load's throughput, latency percentiles (50, 75, 90 and 99, in ms) and failed requests.
     */
    record Wrk(double rps, double p50, double p75, double p90, double p99, long errors) {
        static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
        static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
                Pattern.MULTILINE);
        static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
        static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), "
                + "timeout (\\d+)");

        static Wrk parse(String output) {
            Matcher rps = RPS.matcher(output);
            require(rps.find(), "no Requests/sec in wrk output: " + output);
            Map<String, Double> percentiles = new HashMap<>();
            Matcher percentile = PERCENTILE.matcher(output);
            while (percentile.find()) {
                double value = Double.parseDouble(percentile.group(2));
                value = switch (percentile.group(3)) {
                    case "us" -> value / 1000;
                    case "s" -> value * 1000;
                    default -> value;
                };
                percentiles.put(percentile.group(1), value);
            }
            long errors = 0;
            Matcher non2xx = NON_2XX.matcher(output);
            if (non2xx.find()) {
                errors += Long.parseLong(non2xx.group(1));
            }
            Matcher socket = SOCKET.matcher(output);
            if (socket.find()) {
                for (int i = 1; i <= 4; i++) {
                    errors += Long.parseLong(socket.group(i));
                }
            }
            return new Wrk(Double.parseDouble(rps.group(1)), percentiles.getOrDefault("50", Double.NaN),
                    percentiles.getOrDefault("75", Double.NaN), percentiles.getOrDefault("90", Double.NaN),
                    percentiles.getOrDefault("99", Double.NaN), errors);
        }

        /** The run with the median throughput. */
        static Wrk median(List<Wrk> runs) {
            List<Wrk> sorted = new ArrayList<>(runs);
            sorted.sort(java.util.Comparator.comparingDouble(Wrk::rps));
            return sorted.get(sorted.size() / 2);
        }
    }

    // Goals and charts ---------------------------------------------------------------------------------------------

    /**
     * One of the goals as measured.
     *
     * @param atMost whether the value must be at most the bound (otherwise at least)
     */
    record Goal(String name, double value, double bound, boolean atMost) {
        boolean met() {
            return atMost ? value <= bound : value >= bound;
        }

        /**
         * How far the value is from its bound, as a share of the goal: at most 1 when met; at least 1/1000, so that
         * a value of zero or below (an overhead within the noise) still has a place on the chart's log scale.
         */
        double share() {
            if (!atMost && value <= 0) {
                return 1000;
            }
            return Math.min(1000, Math.max(0.001, atMost ? value / bound : bound / value));
        }
    }

    void goal(String name, double value, double bound, boolean atMost) {
        goals.add(new Goal(name, value, bound, atMost));
    }

    /** The goals' table, and the charts beside the report: each goal's ratio, and the latency distributions. */
    void goalSummary() throws IOException {
        section("Goals");
        table("goal", "measured", "bound", "met");
        for (Goal goal : goals) {
            row(goal.name, String.format(Locale.ROOT, "%.2f", goal.value),
                    (goal.atMost ? "≤ " : "≥ ") + String.format(Locale.ROOT, "%.2f", goal.bound),
                    goal.met() ? "**yes**" : "no");
        }
        line("");
        String base = report.getFileName().toString().replaceFirst("\\.md$", "");
        Path goalChart = report.resolveSibling(base + "-goals.svg");
        Files.writeString(goalChart, Charts.goals(goals));
        line("Charts: `" + goalChart.getFileName() + "`" + (distributions.isEmpty() ? "" : ", `" + base
                + "-latency.svg`") + ".");
        if (!distributions.isEmpty()) {
            Files.writeString(report.resolveSibling(base + "-latency.svg"), Charts.latencies(distributions));
        }
        line("");
    }

    /** SVG charts, written by hand: no library, nothing to install. */
    static final class Charts {
        static final int WIDTH = 860;
        static final String FONT = "font-family=\"sans-serif\" font-size=\"12\"";

        private Charts() {
        }

        /** A bar per goal: the measured value as a share of its bound, on a log scale, the goal line at 1. */
        static String goals(List<Goal> goals) {
            int left = 330;
            int right = 150;
            int barHeight = 22;
            int top = 40;
            int height = top + goals.size() * (barHeight + 8) + 40;
            double lowest = goals.stream().mapToDouble(Goal::share).min().orElse(1);
            double highest = goals.stream().mapToDouble(Goal::share).max().orElse(1);
            int low = (int) Math.min(-2, Math.floor(Math.log(lowest) / Math.log(2)));
            int high = (int) Math.max(1, Math.ceil(Math.log(highest) / Math.log(2)));
            double scale = (WIDTH - left - right) / (double) (high - low);
            java.util.function.DoubleUnaryOperator x = share -> left
                    + (Math.log(share) / Math.log(2) - low) * scale;
            StringBuilder svg = header(WIDTH, height, "Each goal: measured ÷ bound (bound ÷ measured for a minimum), log"
                    + " scale; at most 1 is met");
            for (int power = low; power <= high; power++) {
                double at = x.applyAsDouble(Math.pow(2, power));
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                        + "stroke=\"%s\" stroke-width=\"%s\"/>%n", at, top - 6, at, height - 30,
                        power == 0 ? "#333" : "#ddd", power == 0 ? "2" : "1"));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" %s>%s%s"
                        + "</text>%n", at, height - 14, FONT, power >= 0 ? String.valueOf(1 << power)
                        : "1/" + (1 << -power), power == 0 ? " (goal)" : ""));
            }
            int y = top;
            for (Goal goal : goals) {
                double width = x.applyAsDouble(goal.share()) - left;
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" %s>%s</text>%n",
                        left - 8, y + 15, FONT, escape(goal.name)));
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                        + "fill=\"%s\"/>%n", left, y, Math.max(1, width), barHeight,
                        goal.met() ? "#4c9a2a" : "#c0392b"));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" %s>%.2f (%s %.2f)</text>%n",
                        left + Math.max(1, width) + 6, y + 15, FONT, goal.value, goal.atMost ? "≤" : "≥",
                        goal.bound));
                y += barHeight + 8;
            }
            return svg.append("</svg>\n").toString();
        }

        /** A panel per load: latency at the 50th, 75th, 90th and 99th percentiles, a line per series, log scale. */
        static String latencies(Map<String, Map<String, Wrk>> panels) {
            int panelHeight = 260;
            int left = 70;
            int plotWidth = 460;
            int height = 40 + panels.size() * (panelHeight + 30);
            String[] colors = {"#c0392b", "#2c7fb8", "#4c9a2a", "#8e44ad"};
            String[] labels = {"p50", "p75", "p90", "p99"};
            // Wider than the goals: the legend names each series with its p50 and p99.
            StringBuilder svg = header(WIDTH + 140, height, "Latency distributions (ms, log scale)");
            int top = 40;
            for (Map.Entry<String, Map<String, Wrk>> panel : panels.entrySet()) {
                double low = Double.MAX_VALUE;
                double high = 0;
                for (Wrk run : panel.getValue().values()) {
                    for (double value : points(run)) {
                        low = Math.min(low, value);
                        high = Math.max(high, value);
                    }
                }
                double logLow = Math.floor(Math.log10(Math.max(low, 0.01)));
                double logHigh = Math.ceil(Math.log10(Math.max(high, 0.02)));
                if (logHigh <= logLow) {
                    logHigh = logLow + 1;
                }
                int plotTop = top + 20;
                int plotBottom = top + panelHeight - 30;
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s font-weight=\"bold\">%s</text>%n",
                        left, top + 8, FONT, escape(panel.getKey())));
                for (double decade = logLow; decade <= logHigh; decade++) {
                    double y = plotBottom - (decade - logLow) / (logHigh - logLow) * (plotBottom - plotTop);
                    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                            + "stroke=\"#ddd\"/>%n", left, y, left + plotWidth, y));
                    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" %s>%s"
                            + "</text>%n", left - 6, y + 4, FONT, fmtMs(Math.pow(10, decade))));
                }
                for (int i = 0; i < labels.length; i++) {
                    double x = left + 30 + i * (plotWidth - 60) / 3.0;
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" %s>%s"
                            + "</text>%n", x, plotBottom + 18, FONT, labels[i]));
                }
                int series = 0;
                for (Map.Entry<String, Wrk> run : panel.getValue().entrySet()) {
                    String color = colors[series % colors.length];
                    StringBuilder line = new StringBuilder();
                    double[] values = points(run.getValue());
                    for (int i = 0; i < values.length; i++) {
                        double x = left + 30 + i * (plotWidth - 60) / 3.0;
                        double y = plotBottom - (Math.log10(Math.max(values[i], 0.01)) - logLow) / (logHigh - logLow)
                                * (plotBottom - plotTop);
                        line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
                                + "fill=\"%s\"/>%n", x, y, color));
                    }
                    svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                            + "stroke-width=\"2\"/>%n", line.toString().strip(), color));
                    int legendY = plotTop + 10 + series * 20;
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" "
                            + "fill=\"%s\"/>%n", left + plotWidth + 20, legendY - 10, color));
                    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s>%s: p50 %s, p99 %s</text>%n",
                            left + plotWidth + 38, legendY, FONT, escape(run.getKey()), fmtMs(values[0]),
                            fmtMs(values[3])));
                    series++;
                }
                top += panelHeight + 30;
            }
            return svg.append("</svg>\n").toString();
        }

        static double[] points(Wrk run) {
            return new double[] {run.p50, run.p75, run.p90, run.p99};
        }

        static String fmtMs(double millis) {
            return millis >= 10 ? String.format(Locale.ROOT, "%.0f ms", millis)
                    : millis >= 1 ? String.format(Locale.ROOT, "%.1f ms", millis)
                    : String.format(Locale.ROOT, "%.2f ms", millis);
        }

        static StringBuilder header(int width, int height, String title) {
            return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                    + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n<rect width=\"100%%\" height=\"100%%\" "
                    + "fill=\"white\"/>%n<text x=\"10\" y=\"22\" %s font-size=\"15\">%s</text>%n", width, height,
                    width, height, FONT.replace(" font-size=\"12\"", ""), escape(title)));
        }

        static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }

    // Output -------------------------------------------------------------------------------------------------------

    void section(String title) {
        line("## " + title);
        line("");
        System.out.println();
        System.out.println(title);
    }

    void line(String text) {
        out.append(text).append('\n');
    }

    void table(String... headers) {
        line("| " + String.join(" | ", headers) + " |");
        line("|" + " --- |".repeat(headers.length));
    }

    void row(String... cells) {
        String row = "| " + String.join(" | ", cells) + " |";
        line(row);
        System.out.println("  " + row);
    }

    static List<String> rounds(List<List<Wrk>> runs) {
        List<String> rounds = new ArrayList<>();
        for (int i = 0; i < runs.get(0).size(); i++) {
            int round = i;
            rounds.add(String.join(" / ", runs.stream().map(r -> fmt(r.get(round).rps)).toList()));
        }
        return rounds;
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.2f ms", millis);
    }

    static String mb(double megabytes) {
        return String.format(Locale.ROOT, "%.0f MB", megabytes);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    // Helpers ------------------------------------------------------------------------------------------------------

    static String json(String... keysAndValues) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            json.append(i == 0 ? "" : ", ").append('"').append(keysAndValues[i]).append("\": \"")
                    .append(jsonEscape(keysAndValues[i + 1])).append('"');
        }
        return json.append('}').toString();
    }

    static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A Lua long string holding the text as it is. */
    static String luaString(String text) {
        String level = "=";
        while (text.contains("]" + level + "]")) {
            level += "=";
        }
        return "[" + level + "[" + text + "]" + level + "]";
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /** The machine's CPUs: this JVM is pinned to some of them, so availableProcessors() would say fewer. */
    static long cpuCount() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
    }

    static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
    }

    static String memory() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GB RAM")
                .orElse("unknown RAM");
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
