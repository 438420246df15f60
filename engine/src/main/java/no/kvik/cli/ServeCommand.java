package no.kvik.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import no.kvik.release.ApiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Serves released results read-only as JSON on the loopback interface until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve released results as a read-only JSON API on 127.0.0.1 (see GET /api).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--releases", required = true, paramLabel = "DIR", description = "Releases folder (as written by kvik release --out).")
    Path releases;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "TCP port (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Override
    public Integer call() throws Exception {
        ApiServer server = ApiServer.start(releases, port);
        System.out.println("serving " + releases + " on http://127.0.0.1:" + server.port() + "/api/releases");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        stop.await();
        return ExitCodes.OK;
    }
}
