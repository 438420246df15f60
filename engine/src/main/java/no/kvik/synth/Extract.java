package no.kvik.synth;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The extract types the generator writes, with the columns it fills (must equal the contract's, in order)
 * and the planted fault kinds with the field each one touches.
 */
enum Extract {
    NPR_SOMATIC("npr_somatic", List.of("episode_id", "patient_id", "provider_org", "admission_time", "discharge_time",
            "care_level", "urgency", "main_diagnosis", "secondary_diagnoses", "procedures", "first_procedure_time",
            "residence_municipality", "age", "sex", "discharge_status", "referral_date", "deadline_date", "care_start",
            "epicrisis_sent_time", "cancer_pathway", "pathway_start_date", "pathway_treatment_date"),
            faults(Fault.INVALID_CODE, "main_diagnosis", Fault.MISSING_REQUIRED, "residence_municipality",
                    Fault.DANGLING_UNIT, "provider_org", Fault.IMPOSSIBLE_DATE, "admission_time",
                    Fault.IMPOSSIBLE_AGE, "age", Fault.DUPLICATE_ROW, "episode_id")),
    DEATH("death", List.of("patient_id", "death_date", "underlying_cause", "residence_municipality"), Map.of()),
    NPR_MENTAL("npr_mental", List.of("episode_id", "patient_id", "provider_org", "sector", "care_level", "referral_date",
            "assessment_date", "deadline_date", "start_date", "end_date", "end_reason", "main_diagnosis",
            "residence_municipality", "age", "sex", "epicrisis_sent_time"),
            faults(Fault.MISSING_REQUIRED, "residence_municipality", Fault.DANGLING_UNIT, "provider_org",
                    Fault.IMPOSSIBLE_DATE, "end_date", Fault.IMPOSSIBLE_AGE, "age", Fault.DUPLICATE_ROW, "episode_id")),
    KPR_NURSING_HOME("kpr_nursing_home", List.of("stay_id", "patient_id", "municipality", "stay_type", "start_date",
            "end_date", "physician_assessment_date", "dental_assessment_date", "medication_review_date",
            "individual_plan", "age", "sex"),
            faults(Fault.MISSING_REQUIRED, "municipality", Fault.IMPOSSIBLE_DATE, "end_date",
                    Fault.IMPOSSIBLE_AGE, "age", Fault.DUPLICATE_ROW, "stay_id")),
    KPR_HOME_SERVICE("kpr_home_service", List.of("decision_id", "patient_id", "municipality", "service_type",
            "application_date", "decision_date", "service_start_date", "individual_plan", "age", "sex"), Map.of()),
    KPR_GP_CONTACT("kpr_gp_contact", List.of("contact_id", "patient_id", "municipality", "contact_date", "gp_id",
            "own_gp", "icpc2", "age", "sex"), Map.of()),
    PRESCRIPTION("prescription", List.of("dispensing_id", "patient_id", "dispensing_date", "atc", "ddd",
            "prescriber_category", "residence_municipality", "age", "sex"),
            faults(Fault.INVALID_CODE, "atc", Fault.MISSING_REQUIRED, "residence_municipality",
                    Fault.IMPOSSIBLE_AGE, "age", Fault.DUPLICATE_ROW, "dispensing_id")),
    NOIS_SSI("nois_ssi", List.of("procedure_id", "patient_id", "provider_org", "procedure_date", "ncsp_code",
            "procedure_group", "infection", "follow_up_complete", "age", "sex"),
            faults(Fault.DANGLING_UNIT, "provider_org", Fault.IMPOSSIBLE_AGE, "age", Fault.DUPLICATE_ROW, "procedure_id")),
    AMK_CALL("amk_call", List.of("call_id", "line", "central_id", "municipality", "call_time", "answer_time", "urgency",
            "ambulance_dispatched", "arrival_time", "area_type"), Map.of()),
    POPULATION("population", List.of("year", "municipality", "sex", "age", "persons"), Map.of()),
    KOSTRA("kostra", List.of("area", "year", "variable", "value"), Map.of()),
    TRUST_CORRIDOR("trust_corridor", List.of("provider_org", "report_date", "corridor_patients", "occupied_beds"), Map.of()),
    TRUST_POSTPONED("trust_postponed", List.of("provider_org", "month_start", "planned_operations", "postponed_operations"), Map.of()),
    REGISTRY_AGGREGATE("registry_aggregate", List.of("registry", "indicator_id", "unit_org", "year", "period", "numerator",
            "denominator", "coverage"), Map.of()),
    /**
     * A second npr_somatic delivery per year: pathway episodes of the 20 organ-specific cancer pathway types that
     * the person model does not draw ({@link CancerPathwayRegistry}); a file of its own, so the main file keeps
     * its bytes.
     */
    NPR_SOMATIC_PATHWAYS("npr_somatic", "npr_somatic_pathways", NPR_SOMATIC.columns, Map.of()),
    /** A second registry_aggregate delivery per year: the quality registries' further indicators ({@link QualityRegistryOutcomes}). */
    REGISTRY_QUALITY("registry_aggregate", "registry_aggregate_quality", REGISTRY_AGGREGATE.columns, Map.of()),
    /** Postponed planned operations per hospital, month and specialty ({@link PostponedBySpecialty}). */
    TRUST_SPECIALTY_POSTPONED("trust_specialty_postponed", List.of("provider_org", "month_start", "specialty",
            "planned_operations", "postponed_operations"), Map.of()),
    // appended last: an extract's ordinal seeds its unit stream (UnitExtracts), so the earlier ones keep theirs
    NPR_COERCION("npr_coercion", List.of("decision_id", "episode_id", "patient_id", "provider_org", "decision_type",
            "decision_date", "residence_municipality", "age", "sex"), Map.of()),
    NPR_MH_PATHWAY("npr_mh_pathway", List.of("pathway_id", "patient_id", "provider_org", "sector", "pathway_type",
            "referral_date", "first_appointment_date", "clinical_decision_date", "treatment_plan_date",
            "first_evaluation_date", "end_date", "residence_municipality", "age", "sex"), Map.of()),
    // Municipal service figures (issue #16): separate files and random streams, so the extracts above keep their bytes.
    // Ordinals only grow at the end: a unit extract's stream is keyed by its ordinal.
    /** GP scheme, legevakt, staffing, KPR quality and dental figures in the KOSTRA contract, a file of their own. */
    KOSTRA_SERVICES("kostra", "kostra_services", List.of("area", "year", "variable", "value"), Map.of()),
    SYSVAK("sysvak", List.of("municipality", "year", "vaccine", "target_group", "persons", "vaccinated"), Map.of()),
    PLACE_OF_DEATH("place_of_death", List.of("residence_municipality", "year", "place", "deaths"), Map.of()),
    /** GP dispensings to older persons of the drug groups of the K15 indicators, a prescription file of its own. */
    PRESCRIPTION_GP_ELDERLY("prescription", "prescription_gp_elderly", List.of("dispensing_id", "patient_id",
            "dispensing_date", "atc", "ddd", "prescriber_category", "residence_municipality", "age", "sex"), Map.of()),
    PATIENT_SURVEY("patient_survey", List.of("survey", "index_id", "unit", "year", "age_band", "sex", "education",
            "self_rated_health", "respondents", "score_sum", "score_sq_sum"), Map.of()),
    CARDIAC_ARREST("cardiac_arrest", List.of("arrest_id", "patient_id", "ambulance_org", "central_id", "municipality",
            "arrest_time", "ems_witnessed", "bystander_cpr", "rosc", "age", "sex"), Map.of()),
    /** Reports of private specialists with agreements ({@link PrivateSpecialistReports}, a stream of its own). */
    NPR_PRIVATE_SPECIALIST("npr_private_specialist", List.of("contact_id", "provider_org", "contact_date", "specialty",
            "age", "sex"), Map.of()),
    // Somatic and emergency sources of issue #16 (som2): files and streams of their own, so the extracts above keep their bytes.
    /** Pressure-ulcer and fall measurements of the patient safety programme, a registry_aggregate file of their own ({@link PatientSafetyMeasurements}). */
    REGISTRY_PATIENT_SAFETY("registry_aggregate", "registry_aggregate_patient_safety", REGISTRY_AGGREGATE.columns, Map.of()),
    /** The AMK centrals' mission log with call-to-dispatch times ({@link AmkMissions}). */
    AMK_MISSION("amk_mission", List.of("mission_id", "central_id", "municipality", "urgency", "urgency_changed",
            "received_time", "dispatch_time"), Map.of()),
    /** The Cancer Registry's incident cancers with vital status, written in the last year only ({@link CancerRegistry}). */
    CANCER_REGISTRY("cancer_registry", List.of("case_id", "patient_id", "diagnosis_date", "icd10", "basis",
            "residence_municipality", "age", "sex", "vital_status", "status_date"), Map.of()),
    /** Admissions and outpatient contacts of the mental-health episodes ({@link MentalHealthContacts}, a stream of its own). */
    NPR_MH_CONTACT("npr_mh_contact", List.of("contact_id", "episode_id", "patient_id", "provider_org", "sector",
            "care_level", "contact_date", "discharge_date", "acute", "direct", "residence_municipality", "age", "sex"),
            Map.of()),
    /**
     * Dispensings of the secondary-prevention drugs after a heart attack or heart-failure stay
     * ({@link CardiacMedicationRegistry}, a stream of its own), a prescription file of its own.
     */
    PRESCRIPTION_CARDIAC("prescription", "prescription_cardiac", List.of("dispensing_id", "patient_id",
            "dispensing_date", "atc", "ddd", "prescriber_category", "residence_municipality", "age", "sex"), Map.of());

    /** The contract the extract follows. */
    final String id;
    /** The file name before {@code _YEAR.csv}: the contract id, or a longer name for a second delivery of it. */
    final String fileStem;
    final List<String> columns;
    /** Planted fault kinds (in draw order) and the field each one changes. */
    final Map<Fault, String> faults;
    final Fault[] faultKinds;

    Extract(String id, List<String> columns, Map<Fault, String> faults) {
        this(id, id, columns, faults);
    }

    Extract(String id, String fileStem, List<String> columns, Map<Fault, String> faults) {
        this.id = id;
        this.fileStem = fileStem;
        this.columns = columns;
        this.faults = faults;
        this.faultKinds = faults.keySet().toArray(Fault[]::new);
    }

    /** Position of a named column, so generators write by name; fails at class load on a name the extract lacks. */
    int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) throw new IllegalStateException("extract " + id + " has no column '" + name + "'");
        return i;
    }

    String fileName(int year) {
        return fileStem + "_" + year + ".csv";
    }

    private static Map<Fault, String> faults(Object... kv) {
        Map<Fault, String> m = new EnumMap<>(Fault.class);
        for (int i = 0; i < kv.length; i += 2) m.put((Fault) kv[i], (String) kv[i + 1]);
        return m;
    }
}
