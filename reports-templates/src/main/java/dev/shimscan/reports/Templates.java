package dev.shimscan.reports;

import freemarker.core.TemplateClassResolver;
import freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * The one FreeMarker configuration, built on first use (the console and JSON reports never load FreeMarker, which
 * keeps start-up fast). Templates come from {@code dev/shimscan/reports/templates/} on the class path; a
 * {@code .ftlh} template escapes HTML automatically. Errors are rethrown, never printed into the output; the
 * data model is plain records, lists and strings wrapped by a {@code DefaultObjectWrapper} that reads record
 * components as properties ({@code finding.message}); templates cannot create Java objects ({@code ?new}) or
 * reach the Java API ({@code ?api}). Locale, time zone and number format are fixed so the output does not depend
 * on the machine.
 */
final class Templates {
    static final String ROOT = "/dev/shimscan/reports/templates";

    private Templates() {
    }

    private static final class Holder {
        static final Configuration CONFIGURATION = create();
    }

    static Configuration configuration() {
        return Holder.CONFIGURATION;
    }

    /** Renders a built-in template ({@code report.html.ftlh}) with the data model. */
    static void render(String name, Map<String, Object> model, Writer out) throws IOException {
        process(configuration().getTemplate(name), model, out);
    }

    /**
     * Renders a user's template file. Its name decides the escaping: {@code .ftlh} escapes HTML, other names
     * escape nothing. It may include the built-in templates and assets ({@code <#include "/report.css" parse=false>}).
     */
    static void renderFile(Path file, Map<String, Object> model, Writer out) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Template template = new Template(file.getFileName().toString(), reader, configuration());
            process(template, model, out);
        }
    }

    private static void process(Template template, Map<String, Object> model, Writer out) throws IOException {
        try {
            template.process(model, out);
        } catch (TemplateException e) {
            throw new IOException("template " + template.getName() + " failed: " + e.getMessageWithoutStackTop(), e);
        }
    }

    @SuppressWarnings("deprecation")
    private static Configuration create() {
        try {
            freemarker.log.Logger.selectLoggerLibrary(freemarker.log.Logger.LIBRARY_NONE);
        } catch (ClassNotFoundException | IllegalStateException e) {
            // already selected (another FreeMarker user in the same JVM): keep its choice
        }
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(Templates.class, ROOT);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        cfg.setRecognizeStandardFileExtensions(true);
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        cfg.setAPIBuiltinEnabled(false);
        cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        cfg.setLocale(Locale.ROOT);
        cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
        cfg.setNumberFormat("computer");
        cfg.setBooleanFormat("c");
        cfg.setLocalizedLookup(false);
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        wrapper.setForceLegacyNonListCollections(false);
        wrapper.setIterableSupport(true);
        wrapper.setExposeFields(false);
        wrapper.setRecordZeroArgumentNonVoidMethodPolicy(
                ZeroArgumentNonVoidMethodPolicy.PROPERTY_ONLY_UNLESS_BEAN_PROPERTY_READ_METHOD);
        wrapper.setDefaultZeroArgumentNonVoidMethodPolicy(ZeroArgumentNonVoidMethodPolicy.METHOD_ONLY);
        cfg.setObjectWrapper(wrapper.build());
        return cfg;
    }
}
