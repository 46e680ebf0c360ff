package dev.shimscan.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A renderer that prepares while the scan runs writes the same report as without, even when both overlap. */
class RendererPrepareTest {

    @Test
    void preparingAlongsideRenderingChangesNothingInTheReport() throws Exception {
        Report report = SampleReport.create();
        for (Renderer renderer : List.of(new JsonReportWriter(), new ConsoleRenderer())) {
            String before = render(renderer, report);
            CompletableFuture<Void> preparing = CompletableFuture.runAsync(renderer::prepare);
            String during = render(renderer, report);
            preparing.get();
            assertThat(during).as(renderer.format()).isEqualTo(before).contains("DS000");
        }
    }

    @Test
    void theSampleHoldsAFindingAndAProblemWithTheirPositions() {
        Report report = SampleReport.create();
        assertThat(report.findings()).singleElement()
                .satisfies(f -> assertThat(f.location().file()).isEqualTo("sample.yaml"));
        assertThat(report.coverage().errors()).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(1));
    }

    private static String render(Renderer renderer, Report report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(report, RenderOptions.PLAIN, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
