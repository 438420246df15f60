package no.kvik.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/** Draws the same chart into a BufferedImage with Java2D (PNG through ImageIO). */
final class Java2dCanvas implements Canvas {
    private final BufferedImage image;
    private final Graphics2D g;

    Java2dCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    private void stroke(String colour, double width, boolean dashed) {
        g.setColor(Color.decode(colour));
        g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {6f, 4f}, 0f) : new BasicStroke((float) width));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String colour, double width, boolean dashed,
                     String css) {
        stroke(colour, width, dashed);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, String colour, double width, boolean dashed, String css) {
        stroke(colour, width, dashed);
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < xs.length; i++) {
            if (i == 0) {
                p.moveTo(xs[i], ys[i]);
            } else {
                p.lineTo(xs[i], ys[i]);
            }
        }
        g.draw(p);
    }

    @Override
    public void circle(double x, double y, double r, String fill, String css, String unit, String tooltip) {
        Ellipse2D.Double e = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
        g.setColor(Color.decode(fill));
        g.fill(e);
        stroke("#333333", 0.5, false);
        g.draw(e);
    }

    @Override
    public void text(double x, double y, String text, double size, String anchor, String colour, String css) {
        g.setColor(Color.decode(colour));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(size)));
        double w = g.getFontMetrics().stringWidth(text);
        double dx = switch (anchor) {
            case "middle" -> -w / 2;
            case "end" -> -w;
            default -> 0;
        };
        g.drawString(text, (float) (x + dx), (float) y);
    }

    BufferedImage image() {
        g.dispose();
        return image;
    }
}
