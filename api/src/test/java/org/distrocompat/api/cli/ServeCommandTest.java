package org.distrocompat.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code serve}'s options: bad values are one line and exit 2 before anything starts. */
class ServeCommandTest {

    @Test
    void badSizesAndDurationsAreOneLine() {
        CliRunner r = CliRunner.run("serve", "--max-upload", "lots");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("distrocompat: serve: cannot read size 'lots' (use e.g. 512MiB, 4GiB, 100k or a byte "
                + "count)\n");
        CliRunner d = CliRunner.run("serve", "--refresh-every", "soon");
        assertThat(d.exitCode()).isEqualTo(2);
        assertThat(d.err()).startsWith("distrocompat: serve: cannot read duration 'soon'");
    }

    @Test
    void refreshOptionsNeedASchedule() {
        CliRunner r = CliRunner.run("serve", "--no-crawl");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--no-crawl, --sources, --cache and --out-dir go with --refresh-every");
    }

    @Test
    void helpListsTheOptions() {
        CliRunner r = CliRunner.run("serve", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--refresh-every", "--read-db", "--max-upload", "--bind", "--port");
    }
}
