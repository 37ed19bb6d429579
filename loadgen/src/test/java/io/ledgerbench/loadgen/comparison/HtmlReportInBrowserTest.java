package io.ledgerbench.loadgen.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbench.loadgen.result.RunResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html opened from disk by a real headless Chromium (Debian's `chromium`, installed by .ci/run):
 * every chart put pixels on its canvas, and not one request left the page (every request Chromium
 * makes goes to a proxy this test listens on, which must see none). Skipped by name without Chromium.
 */
@EnabledIf(value = "chromiumPresent", disabledReason = "no chromium on PATH (Debian package chromium)")
class HtmlReportInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern STATUS = Pattern.compile(
            "<div id=\"render-status\" data-expected=\"(\\d+)\" data-drawn=\"(\\d+)\">");

    @TempDir
    Path directory;

    static boolean chromiumPresent() {
        return Files.isExecutable(CHROMIUM);
    }

    private Path report() throws Exception {
        BenchmarkComparison comparison = ComparisonCalculatorTest.comparison("{engine: tigerbeetle, replicas: 3}");
        Map<String, List<RunResult>> runs = new LinkedHashMap<>();
        runs.put("pg", new ArrayList<>());
        runs.put("other", new ArrayList<>());
        double[] pg = {100, 110, 105};
        double[] other = {2000, 2500, 2200};
        for (int round = 0; round < 3; round++) {
            runs.get("pg").add(ComparisonFixtures.withCost(ComparisonFixtures.run(comparison.variants().get(0),
                    round + 1, pg[round], 4, ComparisonCalculatorTest.OK), 300 + round));
            runs.get("other").add(ComparisonFixtures.withCost(ComparisonFixtures.run(comparison.variants().get(1),
                    round + 1, other[round], 2, ComparisonCalculatorTest.OK), 20 + round));
        }
        ComparisonResult result = ComparisonCalculator.compare(comparison, 9, List.of("round 1: pg, other"), runs);
        return Files.writeString(directory.resolve("report.html"), HtmlReport.render(result, runs));
    }

    @Test
    void everyChartDrawsAndNoRequestLeavesThePage() throws Exception {
        Path report = report();
        try (RecordingProxy proxy = new RecordingProxy()) {
            String dom = dumpDom(report, proxy.port());
            List<String> requests = proxy.requestsSoFar();

            assertEveryChartDrew(dom, 6);
            assertThat(dom).contains("other is ").contains("the throughput of pg");
            assertThat(dom).contains("What a transfer costs").contains("301.00 [");
            // Chromium's own background requests (clock, updates, accounts) reach the proxy even for a blank
            // page; the page itself must add none.
            assertThat(requests).allSatisfy(request -> assertThat(request)
                    .matches("^(GET|POST|CONNECT) (http://)?[a-z0-9.-]+\\.(google\\.com|googleapis\\.com)[:/].*"));
        }
    }

    /** An HTTP proxy on loopback that answers nothing and remembers each request's first line. */
    private static final class RecordingProxy implements AutoCloseable {
        private static final String DONE = "LEDGERBENCH-DONE";
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requests = new ArrayList<>();
        private final Thread acceptor = new Thread(this::acceptAll, "recording-proxy");

        RecordingProxy() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void acceptAll() {
            while (true) {
                try (Socket client = socket.accept()) {
                    client.setSoTimeout(5_000);
                    String line = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream(),
                            StandardCharsets.ISO_8859_1)).readLine();
                    if (DONE.equals(line)) {
                        return;
                    }
                    synchronized (requests) {
                        requests.add(line == null ? "(connection without a request)" : line);
                    }
                } catch (IOException e) {
                    if (socket.isClosed()) {
                        return;
                    }
                }
            }
        }

        /** Every request made before this call: a marker sent now is accepted after all of them. */
        List<String> requestsSoFar() throws IOException, InterruptedException {
            try (Socket marker = new Socket(InetAddress.getLoopbackAddress(), port())) {
                marker.getOutputStream().write((DONE + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                marker.getOutputStream().flush();
                acceptor.join(30_000);
            }
            synchronized (requests) {
                return List.copyOf(requests);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aSingleBenchmarkRunGetsTheSameReportWithoutTheRatios() throws Exception {
        BenchmarkComparison comparison = ComparisonCalculatorTest.comparison("{engine: tigerbeetle, replicas: 3}");
        List<RunResult> runs = new ArrayList<>();
        for (int round = 1; round <= 3; round++) {
            runs.add(ComparisonFixtures.run(comparison.variants().get(0), round, 100 + round, 4,
                    ComparisonCalculatorTest.OK));
        }
        Path report = Files.writeString(directory.resolve("run.html"),
                HtmlReport.render(ComparisonCalculator.single(runs), Map.of(runs.getFirst().name(), runs)));
        try (RecordingProxy proxy = new RecordingProxy()) {
            String dom = dumpDom(report, proxy.port());
            assertEveryChartDrew(dom, 4);
            assertThat(dom).doesNotContain("Ratios to the baseline").contains("transfers per second over 3 runs")
                    .as("no cost measured: no cost section").doesNotContain("What a transfer costs")
                    .as("no distance, no fault: no such section").doesNotContain("Distance and faults");
        }
    }

    @Test
    void aRunWithDistanceAndAFaultShowsBothWhatWasAskedAndWhatWasMeasured() throws Exception {
        BenchmarkComparison comparison = ComparisonCalculatorTest.comparison("{engine: tigerbeetle, replicas: 3}");
        RunResult plain = ComparisonFixtures.run(comparison.variants().get(0), 1, 100, 4, ComparisonCalculatorTest.OK);
        io.ledgerbench.loadgen.result.LatencySummary measured = new io.ledgerbench.loadgen.result.LatencySummary(200,
                10.4, 10.3, 10.6, 10.9, 11.0, 11.2);
        RunResult run = plain.withNetwork(new io.ledgerbench.loadgen.network.NetworkResult("delay relays", 10, measured,
                0, null, 0), List.of()).withFaults(new io.ledgerbench.loadgen.fault.FaultsResult(0.1, 2.3, 4.0,
                List.of(new io.ledgerbench.loadgen.fault.FaultOutcome("replica-1", io.ledgerbench.loadgen.spec.FaultAction.KILL,
                        4.0, 4.0, null, "keeps committing: 2 of 3 replicas remain", true, true, 100.0, 80.0, null, 0.1,
                        "SIGKILL", null)), "the replicas still up"), List.of());
        Path report = Files.writeString(directory.resolve("faults.html"),
                HtmlReport.render(ComparisonCalculator.single(List.of(run)), Map.of(run.name(), List.of(run))));
        try (RecordingProxy proxy = new RecordingProxy()) {
            String dom = dumpDom(report, proxy.port());
            assertThat(dom).contains("Distance and faults")
                    .contains("client &lt;-&gt; database 10.00 ms round trip added (measured p50 10.30")
                    .contains("longest stretch with no answered transfer 2.3 s")
                    .contains("kill replica-1 at +4.0 s").contains("kept answering (as expected)");
        }
    }

    @Test
    void aSaturationComparisonDrawsEachSearchsCurveAndStatesTheRatioOfSustainableRates() throws Exception {
        BenchmarkComparison comparison = ComparisonFixtures.saturationComparison();
        Map<String, List<RunResult>> runs = ComparisonFixtures.saturationRuns(comparison,
                new double[] {1000, 1100, 1050}, new double[] {20_000, 25_000, 22_000});
        ComparisonResult result = ComparisonCalculator.compare(comparison, 9, List.of("round 1: pg, other"), runs);
        Path report = Files.writeString(directory.resolve("saturation.html"), HtmlReport.render(result, runs));
        try (RecordingProxy proxy = new RecordingProxy()) {
            String dom = dumpDom(report, proxy.port());
            assertEveryChartDrew(dom, 7);
            assertThat(dom).contains("Latency against throughput").contains("the sustainable rate of pg")
                    .contains("1050.0 [");
        }
    }

    @Test
    void theReportReferencesNothingOutsideItself() throws Exception {
        String html = Files.readString(report());
        assertThat(html).doesNotContainPattern("<script[^>]+src=").doesNotContainPattern("<link[^>]+href=")
                .doesNotContainPattern("<img[^>]+src=");
    }

    /** The page holds this many charts, and each put pixels on its canvas. */
    private static void assertEveryChartDrew(String dom, int charts) {
        Matcher status = STATUS.matcher(dom);
        assertThat(status.find()).as("the page's render status, in:%n%s", dom.substring(0, Math.min(dom.length(), 2000)))
                .isTrue();
        assertThat(Integer.parseInt(status.group(1))).as("charts in the page").isEqualTo(charts);
        assertThat(Integer.parseInt(status.group(2))).as("charts that drew on their canvas").isEqualTo(charts);
    }

    private String dumpDom(Path report, int proxyPort) throws IOException, InterruptedException {
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + directory.resolve("profile"),
                "--proxy-server=http://127.0.0.1:" + proxyPort, "--proxy-bypass-list=<-loopback>",
                "--virtual-time-budget=5000", "--dump-dom", report.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return dom;
    }
}
