package no.kvik.web;

import java.util.Map;

/**
 * The language of a page ({@code ?lang=no|en}; Norwegian when absent) and the fixed texts of the statistics views in
 * both languages. Indicator names and descriptions come from the catalogue ({@code name.no}/{@code name.en}).
 */
enum Lang {
    NO("no"), EN("en");

    final String code;

    Lang(String code) {
        this.code = code;
    }

    /** The language a query asks for; an unknown code is the caller's 400. */
    static Lang of(String code) {
        if (code == null || code.isEmpty()) return NO;
        for (Lang l : values()) {
            if (l.code.equals(code)) return l;
        }
        throw new WebError(400, "lang must be no or en, got '" + code + "'");
    }

    Lang other() {
        return this == NO ? EN : NO;
    }

    /** The text of {@code key} in this language; the key itself when none is defined (a visible gap, not a crash). */
    String t(String key) {
        String[] both = TEXTS.get(key);
        return both == null ? key : both[this == NO ? 0 : 1];
    }

    /** A level's name ("HF"), its code when the level is not one of the named ones. */
    String level(String code) {
        return TEXTS.containsKey("level." + code) ? t("level." + code) : code;
    }

    /** Why a cell is suppressed, from the release's {@code suppressed} column; the code itself when unknown. */
    String suppressed(String code) {
        return TEXTS.containsKey("suppressed." + code) ? t("suppressed." + code) : code;
    }

    private static final Map<String, String[]> TEXTS = Map.ofEntries(
            Map.entry("site", new String[] {"Nasjonale kvalitetsindikatorer", "National quality indicators"}),
            Map.entry("release", new String[] {"Utgave", "Release"}),
            Map.entry("published", new String[] {"publisert", "published"}),
            Map.entry("dataEnd", new String[] {"data til (ikke med)", "data up to (not including)"}),
            Map.entry("indicators", new String[] {"Indikatorer", "Indicators"}),
            Map.entry("search", new String[] {"Søk i indikatorene", "Search the indicators"}),
            Map.entry("searchButton", new String[] {"Søk", "Search"}),
            Map.entry("showAll", new String[] {"Vis alle", "Show all"}),
            Map.entry("matches", new String[] {"treff", "found"}),
            Map.entry("noMatch", new String[] {"Ingen indikator passer til søket.", "No indicator matches the search."}),
            Map.entry("byArea", new String[] {"Etter område", "By area"}),
            Map.entry("byDimension", new String[] {"Etter kvalitetsdimensjon (OECD)", "By quality dimension (OECD)"}),
            Map.entry("byType", new String[] {"Etter type", "By type"}),
            Map.entry("otherReleases", new String[] {"Andre utgaver", "Other releases"}),
            Map.entry("language", new String[] {"English", "Norsk"}),
            Map.entry("home", new String[] {"Alle indikatorer", "All indicators"}),
            Map.entry("definition", new String[] {"Definisjon", "Definition"}),
            Map.entry("id", new String[] {"Id", "Id"}),
            Map.entry("version", new String[] {"Versjon", "Version"}),
            Map.entry("area", new String[] {"Område", "Area"}),
            Map.entry("type", new String[] {"Type", "Type"}),
            Map.entry("dimension", new String[] {"Kvalitetsdimensjon", "Quality dimension"}),
            Map.entry("measure", new String[] {"Mål", "Measure"}),
            Map.entry("direction", new String[] {"Retning", "Direction"}),
            Map.entry("frequency", new String[] {"Hyppighet", "Frequency"}),
            Map.entry("source", new String[] {"Kilde", "Source"}),
            Map.entry("levels", new String[] {"Nivåer", "Levels"}),
            Map.entry("target", new String[] {"Mål og måloppnåelse", "Target and goal attainment"}),
            Map.entry("targetValue", new String[] {"Målverdi", "Target value"}),
            Map.entry("goalHigh", new String[] {"Høy måloppnåelse fra", "High goal attainment from"}),
            Map.entry("goalMedium", new String[] {"Middels måloppnåelse fra", "Medium goal attainment from"}),
            Map.entry("noTarget", new String[] {"Indikatoren har ikke noe mål.", "The indicator has no target."}),
            Map.entry("goalCounts", new String[] {"Måloppnåelse for enhetene i tabellen", "Goal attainment of the units in the table"}),
            Map.entry("goal.high", new String[] {"høy", "high"}),
            Map.entry("goal.medium", new String[] {"middels", "medium"}),
            Map.entry("goal.low", new String[] {"lav", "low"}),
            Map.entry("findings", new String[] {"Hovedfunn i utgaven", "Main findings of the release"}),
            Map.entry("trend", new String[] {"Nasjonal utvikling", "National trend"}),
            Map.entry("trendTable", new String[] {"Nasjonale verdier per periode", "National values by period"}),
            Map.entry("noTrend", new String[] {"Ingen nasjonal verdi er publisert.", "No national value is published."}),
            Map.entry("choose", new String[] {"Velg nivå og periode", "Choose level and period"}),
            Map.entry("level", new String[] {"Nivå", "Level"}),
            Map.entry("period", new String[] {"Periode", "Period"}),
            Map.entry("show", new String[] {"Vis", "Show"}),
            Map.entry("results", new String[] {"Resultater", "Results"}),
            Map.entry("unit", new String[] {"Enhet", "Unit"}),
            Map.entry("value", new String[] {"Verdi", "Value"}),
            Map.entry("interval", new String[] {"95 % intervall", "95 % interval"}),
            Map.entry("numerator", new String[] {"Teller", "Numerator"}),
            Map.entry("denominator", new String[] {"Nevner", "Denominator"}),
            Map.entry("goal", new String[] {"Måloppnåelse", "Goal attainment"}),
            Map.entry("funnelFlag", new String[] {"Traktplott", "Funnel plot"}),
            Map.entry("note", new String[] {"Merknad", "Note"}),
            Map.entry("noRows", new String[] {"Ingen resultater for dette nivået og denne perioden.", "No results for this level and period."}),
            Map.entry("caterpillar", new String[] {"Enhetene med intervall", "The units with their intervals"}),
            Map.entry("caterpillarAlt", new String[] {"Tabellen over viser de samme verdiene.", "The table above shows the same values."}),
            Map.entry("noCaterpillar", new String[] {"Ingen enhet på dette nivået har en publisert verdi med intervall.", "No unit at this level has a published value with an interval."}),
            Map.entry("funnel", new String[] {"Traktplott", "Funnel plot"}),
            Map.entry("funnelElsewhere", new String[] {"Utgaven har traktplott for", "The release has a funnel plot for"}),
            Map.entry("noFunnel", new String[] {"Utgaven har ikke noe traktplott for denne indikatoren.", "The release has no funnel plot for this indicator."}),
            Map.entry("funnelAlt", new String[] {"Hvert punkt er en enhet; verdiene står i tabellen «Resultater» for dette nivået og denne perioden.", "Each point is a unit; its values are in the results table for this level and period."}),
            Map.entry("funnelNation", new String[] {"Et traktplott sammenligner enhetene på ett nivå; det nasjonale nivået har bare én verdi. Velg et annet nivå.", "A funnel plot compares the units of a level; the national level has one value. Choose another level."}),
            Map.entry("funnelNone", new String[] {"Indikatoren har ikke noe traktplott: det tegnes for andeler, rater og risikojusterte forhold (O/E).", "The indicator has no funnel plot: funnels are drawn for proportions, rates and risk-adjusted ratios (O/E)."}),
            Map.entry("funnelNotForChoice", new String[] {"Utgaven har ikke noe traktplott for dette nivået og denne perioden.", "The release has no funnel plot for this level and period."}),
            Map.entry("funnelEmpty", new String[] {"Ingen enhet kan vises i traktplottet:", "No unit can be shown in the funnel plot:"}),
            Map.entry("funnelTable", new String[] {"Punktene i traktplottet", "The points of the funnel plot"}),
            Map.entry("funnelTableNote", new String[] {"Tabellen under viser de samme verdiene.", "The table below shows the same values."}),
            Map.entry("funnelMethod", new String[] {"Metode", "Method"}),
            Map.entry("funnelLimits", new String[] {"grenser", "limits"}),
            Map.entry("overdispersion", new String[] {"overspredning", "over-dispersion"}),
            Map.entry("odNone", new String[] {"ingen", "none"}),
            Map.entry("od.multiplicative", new String[] {"multiplikativ", "multiplicative"}),
            Map.entry("od.additive", new String[] {"additiv", "additive"}),
            Map.entry("fromUnits", new String[] {"fra {n} enheter", "from {n} units"}),
            Map.entry("observed", new String[] {"Observert", "Observed"}),
            Map.entry("expected", new String[] {"Forventet", "Expected"}),
            Map.entry("alarm", new String[] {"alarmside", "alarm side"}),
            Map.entry("compare", new String[] {"Sammenlign enheter over tid", "Compare units over time"}),
            Map.entry("compareHelp", new String[] {"Velg noen enheter (høyst 6) og trykk «Sammenlign».", "Pick a few units (at most 6) and press Compare."}),
            Map.entry("compareButton", new String[] {"Sammenlign", "Compare"}),
            Map.entry("comparison", new String[] {"Valgte enheter over tid", "Chosen units over time"}),
            Map.entry("download", new String[] {"Last ned utvalget", "Download the selection"}),
            Map.entry("permalink", new String[] {"Permanent lenke til denne visningen", "Permanent link to this view"}),
            Map.entry("downloadPermalink", new String[] {"Permanent lenke til nedlastingen", "Permanent link to the download"}),
            Map.entry("suppressedNote", new String[] {"Prikket", "Suppressed"}),
            Map.entry("pooledNote", new String[] {"tall for", "figures for"}),
            Map.entry("notFound", new String[] {"Fant ikke siden", "Page not found"}),
            Map.entry("badRequest", new String[] {"Ugyldig forespørsel", "Bad request"}),
            Map.entry("level.nation", new String[] {"Nasjonalt", "National"}),
            Map.entry("level.rhf", new String[] {"RHF", "RHF (regional health authority)"}),
            Map.entry("level.hf", new String[] {"HF", "HF (health trust)"}),
            Map.entry("level.hospital", new String[] {"Sykehus", "Hospital"}),
            Map.entry("level.county", new String[] {"Fylke", "County"}),
            Map.entry("level.municipality", new String[] {"Kommune", "Municipality"}),
            Map.entry("level.central", new String[] {"Sentral enhet", "Central unit"}),
            Map.entry("suppressed.primary_denominator", new String[] {"for få tilfeller", "too few cases"}),
            Map.entry("suppressed.primary_numerator", new String[] {"for få hendelser", "too few events"}),
            Map.entry("suppressed.secondary", new String[] {"prikket for å skjerme en annen celle", "suppressed to protect another cell"}),
            Map.entry("suppressed.pooled", new String[] {"for få tilfeller i perioden; slått sammen over år", "too few cases in the period; pooled over years"}),
            Map.entry("type.structure", new String[] {"Struktur", "Structure"}),
            Map.entry("type.process", new String[] {"Prosess", "Process"}),
            Map.entry("type.outcome", new String[] {"Resultat", "Outcome"}),
            Map.entry("dimension.effective", new String[] {"Virkningsfull", "Effective"}),
            Map.entry("dimension.safe", new String[] {"Trygg og sikker", "Safe"}),
            Map.entry("dimension.accessible_equitable", new String[] {"Tilgjengelig og rettferdig fordelt", "Accessible and equitable"}),
            Map.entry("dimension.coordinated", new String[] {"Samordnet og preget av kontinuitet", "Coordinated"}),
            Map.entry("dimension.user_centred", new String[] {"Involverer brukerne og gir dem innflytelse", "User-centred"}),
            Map.entry("dimension.resource_efficient", new String[] {"Utnytter ressursene effektivt", "Resource-efficient"}),
            Map.entry("area.somatic", new String[] {"Somatikk", "Somatic care"}),
            Map.entry("area.mental", new String[] {"Psykisk helse og rus", "Mental health and addiction"}),
            Map.entry("area.municipal", new String[] {"Kommunale helse- og omsorgstjenester", "Municipal health and care"}),
            Map.entry("area.medicines", new String[] {"Legemidler", "Medicines"}),
            Map.entry("area.emergency", new String[] {"Akuttmedisin", "Emergency care"}),
            Map.entry("area.dental", new String[] {"Tannhelse", "Dental health"}),
            Map.entry("higher_is_better", new String[] {"høyere er bedre", "higher is better"}),
            Map.entry("lower_is_better", new String[] {"lavere er bedre", "lower is better"}));

    /** A catalogue code's label ("type.process" → "Prosess"); the code when there is none. */
    String code(String prefix, String code) {
        if (code == null) return "–";
        return TEXTS.containsKey(prefix + "." + code) ? t(prefix + "." + code) : code;
    }
}
