package no.kvik.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.function.IntSupplier;
import no.kvik.notebook.Chart;
import tech.tablesaw.api.Table;

/** Registers kvik's display types with the base kernel's renderer (most specific class wins). */
public final class KvikRenderers {

    private static final MIMEType HTML = MIMEType.TEXT_HTML;
    private static final MIMEType SVG = MIMEType.IMAGE_SVG;
    private static final MIMEType PNG = MIMEType.IMAGE_PNG;

    private KvikRenderers() {
    }

    /**
     * @param rowLimit rows shown when a whole {@link Table} is displayed; read at each display so a cell
     *                 can change it
     */
    public static void register(Renderer renderer, IntSupplier rowLimit) {
        renderer.createRegistration(Table.class).preferring(HTML).register((t, ctx) -> {
            TablePage page = new TablePage(t, 0, rowLimit.getAsInt());
            ctx.renderIfRequested(HTML, () -> TableHtml.html(page));
            ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableHtml.text(page));
        });
        renderer.createRegistration(TablePage.class).preferring(HTML).register((p, ctx) -> {
            ctx.renderIfRequested(HTML, () -> TableHtml.html(p));
            ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableHtml.text(p));
        });
        renderer.createRegistration(Svg.class).preferring(HTML, SVG).register((s, ctx) -> {
            ctx.renderIfRequested(HTML, s::inline);
            ctx.renderIfRequested(SVG, s::markup);
        });
        renderer.createRegistration(Png.class).preferring(PNG).register((p, ctx) -> {
            ctx.renderIfRequested(PNG, p::base64);
            ctx.getOutputContainer().putMetaData("image/png", java.util.Map.of("width", p.width(), "height", p.height()));
        });
        // a kvik chart: SVG for the browser, PNG for static exports (nbconvert strips SVG; run-notebooks.sh
        // puts PNG first in the export's priority)
        renderer.createRegistration(Chart.class).preferring(SVG, PNG).register((c, ctx) -> {
            ctx.renderIfRequested(SVG, () -> new Svg(c.svg()).inline());
            ctx.renderIfRequested(PNG, () -> new Png(c.png()).base64());
            ctx.renderIfRequested(MIMEType.TEXT_PLAIN, c::toString);
        });
        renderer.createRegistration(Html.class).preferring(HTML).register((h, ctx) ->
                ctx.renderIfRequested(HTML, h::markup));
        renderer.createRegistration(Record.class).preferring(HTML).register((r, ctx) ->
                ctx.renderIfRequested(HTML, () -> RecordHtml.html(r)));
    }
}
