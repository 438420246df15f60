package no.kvik.cli;

import java.util.concurrent.Callable;
import no.kvik.config.KvikHome;
import no.kvik.contract.Contract;
import no.kvik.contract.Contracts;
import picocli.CommandLine.Command;

/** Lists the registry contracts (and, once the catalogue exists, the indicators). */
@Command(name = "catalogue", mixinStandardHelpOptions = true,
        description = "List registry contracts and indicators.")
final class CatalogueCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Contracts contracts = Contracts.load(KvikHome.locate().contracts());
        for (Contract c : contracts.all()) {
            System.out.printf("%-20s %-8s %s (%d columns)%n", c.id(), c.registry(), c.title(), c.columns().size());
        }
        return ExitCodes.OK;
    }
}
