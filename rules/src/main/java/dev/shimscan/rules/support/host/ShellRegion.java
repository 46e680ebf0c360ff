package dev.shimscan.rules.support.host;

/**
 * A stretch of a host file that a shell runs: a cron job's command, a unit's {@code ExecStart=} value, an alias
 * value, a cloud-init {@code runcmd} item, or a whole script.
 *
 * @param start    first char, in the file
 * @param end      end (exclusive), in the file
 * @param flowArgv true for a YAML flow sequence ({@code [ docker, ps ]}) read as a command vector: its brackets and
 *                 commas are blanked before the shell reads it
 * @param subject  who runs it, for messages ({@code cron job in etc/crontab})
 * @param place    where in the file, for messages ({@code ExecStartPre}, {@code runcmd}); empty when none
 */
record ShellRegion(int start, int end, boolean flowArgv, String subject, String place) {

    /**
     * The file's text with everything outside this region blanked (line breaks kept), so that offsets and lines
     * of whatever the shell analysis finds are the file's own.
     */
    String masked(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            boolean inside = i >= start && i < end;
            if (c == '\n' || c == '\r') {
                out[i] = c;
            } else if (!inside || (flowArgv && (c == '[' || c == ']' || c == ','))) {
                out[i] = ' ';
            } else {
                out[i] = c;
            }
        }
        return new String(out);
    }

    boolean mentionsDocker(String text) {
        return text.substring(start, end).contains("docker");
    }
}
