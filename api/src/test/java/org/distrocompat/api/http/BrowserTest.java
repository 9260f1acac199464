package org.distrocompat.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.distrocompat.core.check.Fixtures;
import org.distrocompat.crawler.run.Pep600Import;
import org.distrocompat.db.Database;
import org.distrocompat.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser: Debian's chromium driven by chromedriver (headless), against a server holding the
 * fixture releases plus pep600 records of the common families. It loads the matrix, filters it, opens a release,
 * uploads a wheel and reads the verdict, draws the pairings plot and the policy page, and saves a screenshot of each
 * under target/screenshots for review. .ci/run installs chromium and chromium-driver when they are missing.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern FAMILIES = Pattern.compile("(debian|ubuntu|centos|almalinux|rockylinux|fedora-4\\d"
            + "|amazonlinux|manylinux|alpine)-.*\\.json");
    private static final Path SHOTS = Path.of("target", "screenshots");

    static TestServer server;
    static WebDriver browser;
    static WebDriverWait wait;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        Path shared = Fixtures.shared();
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver; .ci/run "
                        + "does): skipping the browser tests");
        Database db = TestDatabase.fresh();
        Fixtures.storeReleases(db);
        new Pep600Import(db).importDirectory(subset(shared.resolve("reference/pep600-cache")));
        // release dates of a few releases (until the release calendar fills them in): the pairings over time
        db.jdbi().useHandle(h -> h.execute("""
                UPDATE release r SET release_date = v.day::date, updated_at = now()
                FROM distro d, (VALUES ('debian', '8', '2015-04-26'), ('debian', '12', '2023-06-10'),
                                       ('ubuntu', '14.04', '2014-04-17'), ('ubuntu', '22.04', '2022-04-21'),
                                       ('centos', '7', '2014-07-07')) AS v(distro, version, day)
                WHERE d.id = r.distro_id AND d.name = v.distro AND r.version = v.version"""));
        server = new TestServer(db, ServerOptions.loopback(), null);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--window-size=1440,1000",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
    }

    /** x86_64 and aarch64 records of the common families, less the three x86_64 ones the fixtures store already. */
    private static Path subset(Path cache) throws IOException {
        Path dir = tmp.resolve("pep600");
        for (String arch : List.of("x86_64", "aarch64")) {
            Files.createDirectories(dir.resolve(arch));
            try (DirectoryStream<Path> files = Files.newDirectoryStream(cache.resolve(arch))) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    boolean fixture = arch.equals("x86_64") && List.of("centos-7.json", "debian-8.json",
                            "ubuntu-14.04.json").contains(name);
                    if (FAMILIES.matcher(name).matches() && !fixture) {
                        Files.copy(f, dir.resolve(arch).resolve(name));
                    }
                }
            }
        }
        return dir;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static void open(String fragment) {
        browser.get(server.url("/" + fragment));
    }

    @Test
    void theMatrixLoadsAndFilters() throws Exception {
        open("");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#matrix-table tbody tr[data-distro]")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#matrix-table tr[data-distro]"));
        assertThat(rows).extracting(r -> r.getAttribute("data-distro")).contains("debian", "ubuntu", "centos");
        assertThat(browser.findElements(By.cssSelector("#matrix-table a.cell")).get(0).getCssValue("background-color"))
                .startsWith("rgb");
        shot("matrix");

        new Select(browser.findElement(By.id("f-distro"))).selectByValue("ubuntu");
        wait.until(d -> d.findElements(By.cssSelector("#matrix-table tr[data-distro]")).stream()
                .allMatch(r -> "ubuntu".equals(r.getAttribute("data-distro"))));
        new Select(browser.findElement(By.id("f-colour"))).selectByValue("GLIBCXX");
        wait.until(d -> d.findElement(By.id("legend")).getText().contains("GLIBCXX"));
        List<WebElement> ubuntu = browser.findElements(By.cssSelector("#matrix-table tr[data-distro]"));
        assertThat(ubuntu).isNotEmpty();
        assertThat(browser.findElement(By.id("matrix-table")).getText()).contains("Ubuntu 14.04").contains("3.4.19")
                .doesNotContain("Debian");
        shot("matrix-ubuntu-glibcxx");

        browser.findElement(By.cssSelector("#matrix-table tr[data-distro] a.cell")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#release h1"), "Ubuntu"));
    }

    @Test
    void aReleaseShowsItsLibrariesAndHistory() throws Exception {
        open("#/release/debian/12?arch=x86_64");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#release h1"), "Debian 12"));
        String text = browser.findElement(By.id("release")).getText();
        assertThat(text).contains("Package history — x86_64").contains("libc6").contains("2.36-9+deb12u14");
        shot("release-debian-12");
    }

    @Test
    void aWheelIsUploadedAndItsVerdictRead() throws Exception {
        Path wheel = Files.write(tmp.resolve(ApiTest.WHEEL), ApiTest.wheel());
        open("#/check");
        browser.findElement(By.id("file")).sendKeys(wheel.toAbsolutePath().toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verdict-banner"), "Tag inaccurate"));
        String banner = browser.findElement(By.id("verdict-banner")).getText();
        assertThat(banner).contains("manylinux_2_17_x86_64").contains("GLIBCXX");
        String ubuntu = browser.findElement(By.cssSelector("#by-distro [data-distro=ubuntu]")).getText();
        assertThat(ubuntu).contains("Ubuntu 14.04: needs GLIBCXX_3.4.20 from libstdc++.so.6 (has up to 3.4.19)");
        String debian = browser.findElement(By.cssSelector("#by-distro [data-distro=debian]")).getText();
        assertThat(debian).doesNotContain("Debian 8:");
        shot("check-wheel");
    }

    @Test
    void thePairingsPlotShowsTheSameGlibcCase() throws Exception {
        open("#/pairings");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#pairings-chart canvas")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pairings-groups"), "2.19"));
        String groups = browser.findElement(By.id("pairings-groups")).getText();
        assertThat(groups).contains("Debian 8: GLIBCXX 3.4.20").contains("Ubuntu 14.04: GLIBCXX 3.4.19");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#pairings-dates canvas")));
        Thread.sleep(800); // the chart's entry animation
        shot("pairings");
    }

    @Test
    void thePolicyPageComparesAndExplains() throws Exception {
        open("#/policy");
        wait.until(d -> !d.findElement(By.id("policy-explain")).getText().isBlank());
        assertThat(browser.findElement(By.id("policy-explain")).getText()).contains("manylinux_2_17 x86_64");
        assertThat(browser.findElement(By.id("policy-source")).getText()).contains("official");
        assertThat(browser.findElements(By.cssSelector("#policy-changes tr"))).hasSizeGreaterThan(1);
        shot("policy");
    }
}
