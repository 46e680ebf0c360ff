package dev.shimscan.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Builds the {@code shimscan} command line. {@link Main} and the tests use this one factory, so what the
 * tests capture is exactly what a user sees.
 */
public final class CommandFactory {
    private CommandFactory() {
    }

    /** The subcommands of {@code shimscan}, in the order its help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(ManifestsCommand.class, ClusterCommand.class, HostCommand.class,
            ReportCommand.class, PlanCommand.class, RulesCommand.class, ConfigCommand.class, BaselineCommand.class,
            CompletionCommand.class, CommandLine.HelpCommand.class);

    /** Subcommands that need only their own model to run: those that do not list or describe the others. */
    private static final List<Class<?>> STANDALONE = SUBCOMMANDS.stream()
            .filter(c -> c != CompletionCommand.class && c != CommandLine.HelpCommand.class).toList();

    /** The whole command line, every subcommand with its model. */
    public static CommandLine create(CliEnvironment env) {
        return create(env, SUBCOMMANDS);
    }

    /**
     * The command line for {@code args}: when they start with the name of a subcommand that runs on its own
     * ({@code manifests}, {@code cluster}, ...), only that subcommand's model is built, which saves a good part of
     * picocli's start-up; anything else (no arguments, {@code --help}, {@code help}, {@code completion}, a typo)
     * gets the whole command line. Both behave the same for those arguments.
     */
    public static CommandLine forArgs(CliEnvironment env, String[] args) {
        if (args.length > 0) {
            for (Class<?> c : STANDALONE) {
                if (c.getAnnotation(Command.class).name().equals(args[0])) {
                    return create(env, List.of(c));
                }
            }
        }
        return create(env);
    }

    private static CommandLine create(CliEnvironment env, List<Class<?>> subcommands) {
        Factory factory = new Factory(env);
        CommandLine cli = new CommandLine(new ShimscanCommand(), factory);
        for (Class<?> c : subcommands) {
            cli.addSubcommand(new CommandLine(c, factory));
        }
        cli.setOut(env.out());
        cli.setErr(env.err());
        cli.setParameterExceptionHandler(new ErrorHandlers.UsageErrorHandler());
        cli.setExecutionExceptionHandler(new ErrorHandlers.InternalErrorHandler());
        cli.setUsageHelpAutoWidth(false);
        cli.setExecutionStrategy(new PluginLoading(env));
        addExitCodes(cli);
        addThreeUses(cli);
        return cli;
    }

    /** The three ways shimscan is used, at the end of every command's help, so each help teaches all three. */
    static final String[] THREE_USES = {
        "",
        "The three usual uses:",
        "  Cluster audit:            shimscan cluster --context prod -o json=audit.json",
        "    and its runbook:        shimscan plan audit.json",
        "  CI manifest scan:         shimscan manifests k8s/ --fail-on error",
        "  SARIF for pull requests:  shimscan manifests k8s/ -o sarif=results.sarif"};

    private static void addThreeUses(CommandLine cmd) {
        CommandLine.Model.UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
        if (!(cmd.getCommand() instanceof CommandLine.HelpCommand)) {
            String[] footer = usage.footer();
            String[] withUses = java.util.Arrays.copyOf(footer, footer.length + THREE_USES.length);
            System.arraycopy(THREE_USES, 0, withUses, footer.length, THREE_USES.length);
            if (footer.length == 0) {
                usage.footerHeading("%n");
            }
            usage.footer(withUses);
        }
        cmd.getSubcommands().values().forEach(CommandFactory::addThreeUses);
    }

    /** The exit-code table, from {@link ExitCode}, in the help of every command that does not list its own. */
    private static void addExitCodes(CommandLine cmd) {
        CommandLine.Model.UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
        if (usage.exitCodeList().isEmpty() && !(cmd.getCommand() instanceof CommandLine.HelpCommand)) {
            Map<String, String> codes = new LinkedHashMap<>();
            for (ExitCode c : ExitCode.values()) {
                codes.put(String.valueOf(c.code()), c.meaning());
            }
            usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        }
        cmd.getSubcommands().values().forEach(CommandFactory::addExitCodes);
    }

    /** Gives the commands that need it the environment; everything else is built by picocli's default factory. */
    private static final class Factory implements CommandLine.IFactory {
        private final CliEnvironment env;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == ManifestsCommand.class) {
                return cls.cast(new ManifestsCommand(env));
            }
            if (cls == ReportCommand.class) {
                return cls.cast(new ReportCommand(env));
            }
            if (cls == ReportCommand.Merge.class) {
                return cls.cast(new ReportCommand.Merge(env));
            }
            if (cls == HostCommand.class) {
                return cls.cast(new HostCommand(env));
            }
            if (cls == ConfigCommand.Check.class) {
                return cls.cast(new ConfigCommand.Check(env));
            }
            if (cls == BaselineCommand.Create.class) {
                return cls.cast(new BaselineCommand.Create(env));
            }
            if (cls == ClusterCommand.class) {
                return cls.cast(new ClusterCommand(env, TerminalProgress::stderrIsTerminal));
            }
            if (cls == PlanCommand.class) {
                return cls.cast(new PlanCommand(env, TerminalProgress::stderrIsTerminal));
            }
            return fallback.create(cls);
        }
    }
}
