package no.kvik.store;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.kvik.cli.Kvik;
import picocli.CommandLine;

/**
 * The kvik command line run in-process, with everything it prints: its commands print to System.out and
 * System.err (progress), and errors through picocli's writer.
 */
record KvikCli(int exitCode, String out, String err) {
    private static final Pattern BALANCE = Pattern.compile("rows read (\\d+) = stored (\\d+) \\+ rejected (\\d+)");

    static synchronized KvikCli run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter picocliErr = new StringWriter();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = Kvik.commandLine();
            cl.setErr(new PrintWriter(picocliErr, true));
            int code = cl.execute(args);
            return new KvikCli(code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8) + picocliErr);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** {read, stored, rejected} from kvik ingest's summary line. */
    long[] balance() {
        Matcher m = BALANCE.matcher(out);
        if (!m.find()) throw new AssertionError("no balance line in: " + out + err);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    }

    String all() {
        return out + err;
    }
}
