package dev.shimscan.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;

/** The JSON report, serialised by Jackson from the report records (never from a text template). */
public final class JsonReportWriter implements Renderer {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectWriter WRITER = MAPPER.writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    @Override
    public String format() {
        return "json";
    }

    @Override
    public void render(Report report, RenderOptions options, OutputStream out) throws IOException {
        WRITER.writeValue(out, report);
        out.write('\n');
        out.flush();
    }

    /**
     * Builds the serializers of every report record by writing a small report of each kind nowhere: Jackson
     * builds them by reflection on first use, about a quarter of a second in a cold JVM (docs/benchmarks.md).
     */
    @Override
    public void prepare() {
        try {
            WRITER.writeValue(OutputStream.nullOutputStream(), SampleReport.create());
        } catch (IOException | RuntimeException e) {
            // only a head start: render() reports whatever goes wrong
        }
    }

    /** The mapper that reads reports back ({@code shimscan report}). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
