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
    private static final MIMEType VEGA_LITE = MIMEType.parse("application/vnd.vegalite.v5+json");

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
        // a kvik chart: Vega-Lite for JupyterLab (interactive; it ranks above PNG there) and PNG for every static
        // export. No image/svg+xml: nbconvert 6.5 ranks SVG above PNG and then strips it (lxml Cleaner) to an
        // empty box; the SVG with its per-point <title>s stays in Chart.svg() and in the files kvik run writes.
        renderer.createRegistration(Chart.class).preferring(VEGA_LITE, PNG).register((c, ctx) -> {
            if (c.vegaLite() != null) {
                // a JSON mime bundle entry must be a JSON object, not a string holding one
                ctx.renderIfRequested(VEGA_LITE, () -> new com.google.gson.JsonParser().parse(c.vegaLite()));
            }
            Png png = new Png(c.png());
            ctx.renderIfRequested(PNG, png::base64);
            ctx.getOutputContainer().putMetaData("image/png", java.util.Map.of("width", png.width(), "height", png.height()));
            ctx.renderIfRequested(MIMEType.TEXT_PLAIN, c::toString);
        });
        renderer.createRegistration(Html.class).preferring(HTML).register((h, ctx) ->
                ctx.renderIfRequested(HTML, h::markup));
        renderer.createRegistration(Record.class).preferring(HTML).register((r, ctx) ->
                ctx.renderIfRequested(HTML, () -> RecordHtml.html(r)));
    }
}
