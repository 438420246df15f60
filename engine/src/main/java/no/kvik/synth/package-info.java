/**
 * Synthetic national registry extracts ({@code kvik synth}): every contract in {@code sql/contracts} is
 * written as delimited text in its exact shape (delimiter, encoding, decimal separator, date formats,
 * column order), one file per extract type and year, plus {@code truth.json}.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>Population: the 357 municipalities of {@code kommuner_2025.csv}; persons per municipality =
 *       max(5, round(scale × real population)), constant over the years (a death frees the slot for a newborn
 *       the next 1 January). Parametric age-sex pyramid, see {@link no.kvik.synth.People}.</li>
 *   <li>Hospitals: each person lives in a catchment row of {@code opptaksomrader_skde_boomr.csv} (split cities:
 *       a named bydel, equally likely) whose local hospital maps to one representative organisation number
 *       (the bundled {@code hospital_sites.csv}; SKDE's catchment and treatment-site tables number hospitals
 *       differently, so the link is by name). About 8% of acute and 15% of planned care goes to the region's
 *       university hospital; a quarter of AMI patients are transferred there.</li>
 *   <li>Events: incidence by age, sex and frailty for the indicator conditions (AMI, stroke, hip fracture, six
 *       pathway cancers and other cancers, the eleven readmission index groups, five NOIS operations, other
 *       inpatient, day and outpatient care, mental health/TSB, KPR services, prescriptions, GP contacts,
 *       113/116117 calls), each calibrated to Norway's yearly national volume × scale
 *       ({@link no.kvik.synth.Cond}). Secondary diagnoses carry Charlson conditions (Quan 2005 ICD-10 codes)
 *       that raise 30-day mortality and readmission, so a Charlson index is informative.</li>
 *   <li>Planted truth ({@link no.kvik.synth.Plan}): hospital random effects (SD 0.15 on the log odds of 30-day
 *       death), two clearly worse and two clearly better hospitals on AMI/stroke/hip-fracture mortality, one
 *       deteriorating (AMI and stroke mortality, and epicrisis within 1 day: odds ratio 0.6 in the last year against
 *       the first), one worse on readmission, epicrisis and time to hip-fracture surgery; municipality
 *       effects on antibiotic prescribing and nursing-home physician assessments; a case-mix catchment (one
 *       health-trust catchment drawn from six; bohf 4 Helgeland with seed 42) whose residents are older
 *       (pyramid olderness +0.30), frailer (+0.5 SD) and carry more Charlson conditions (+1.0 on each
 *       condition's log odds), while its hospitals give average care (no random effect on 30-day mortality or
 *       readmission, no planted hospital effect): their 30-day mortality after AMI, stroke and hip fracture is
 *       about twice the national one through age and Charlson index alone, the risk models' covariates, so
 *       crude rates there are clearly worse and risk-adjusted O/E is about 1; one trust missing a tertial;
 *       data faults at 0.3% per kind with exact counts per file (one fault per faulty row).</li>
 *   <li>Determinism: every work unit (year × fixed slot range) has its own SplitMix-seeded stream and output
 *       buffer; files are concatenated in unit order, so thread count and scheduling never change a byte.</li>
 * </ul>
 * <h2>Generators</h2>
 * One generator per registry family behind {@code RegistryFamily}: {@code SomaticRegistry} (npr_somatic: acute
 * admissions, planned treatment, cancer courses, with nois_ssi), {@code MentalHealthRegistry} (npr_mental, and through
 * {@code MentalHealthDetails} each episode's coercion decisions (npr_coercion) and pathway (npr_mh_pathway), drawn
 * from a stream of their own with ids derived from the episode's, so the other extracts are the same bytes without
 * them; and through {@code MentalHealthContacts} each episode's admissions and outpatient contacts (npr_mh_contact:
 * the stay, follow-up consultations after a discharge, a readmission after some, the consultations of outpatient
 * episodes), likewise from a stream of their own ({@code Rng.MENTAL_CONTACTS}), checked with cmp: only truth.json
 * changed),
 * {@code MunicipalCareRegistry} (KPR nursing home and home service), {@code GpContactRegistry},
 * {@code PrescriptionRegistry}, {@code EmergencyCallRegistry} and {@code DeathRegistry}; they write cells by
 * column name and share one chunk's streams ({@code ChunkContext}). {@code YearChunk} fixes the order of their
 * draws, and so every byte of the output: per person, the dated events in date order, then prescriptions, GP
 * contacts, calls and the death row. {@code CardiacArrestRegistry} (cardiac_arrest, Norsk hjertestansregister) comes
 * last and draws from a stream of its own ({@code Rng.CARDIAC_ARREST}) with its own row numbers, so adding it changed
 * no byte of the other extracts (checked with cmp against extracts made without it). Unit-level extracts (population, KOSTRA, trust reports, registry aggregates)
 * come from the year's counters ({@code UnitExtracts}).
 *
 * <h2>Second deliveries of a contract</h2>
 * A source added later is written as a second file of its contract per year, on a stream of its own (kind
 * {@code UNITS}, units 9001 and up), so that every earlier file keeps its bytes for the same seed:
 * {@code npr_somatic_pathways_YYYY.csv} ({@code CancerPathwayRegistry}: pathway episodes of the 20 organ-specific
 * cancer pathway types the person model does not draw, patients {@code KP…} of their own with no other stays, each
 * episode in the file of its discharge year) and {@code registry_aggregate_quality_YYYY.csv}
 * ({@code QualityRegistryOutcomes}: NHR direct stroke-unit admission and pathway point 2C, NHI invasive NSTEMI,
 * NHFR surgery within 24 h, yearly; NOIS-PIAH prevalence per survey, T2 May and T3 November). Their planted effects
 * are in truth.json under {@code cancer_pathway_effects} (a university hospital with 1.6 times the lead time) and
 * {@code quality_registry_effects} (one hospital per indicator with its log odds ratio, and the SD of the site
 * effects).
 * <h2>Municipal service files (issue #16)</h2>
 * {@code MunicipalServiceFigures} writes, from the same counters, {@code kostra_services_<year>.csv} (a second file of
 * the KOSTRA contract: GP lists at each municipality's real size, K13 relationship durations, GP home visits,
 * legevakt contacts, nursing-home and care staffing, KPR nutrition screening and medication reviews, dental 5- and
 * 12-year-olds), {@code sysvak_<year>.csv} (coverage at 2 years and influenza 65+) and {@code place_of_death_<year>.csv}
 * (the death extract's deaths per municipality split by place); {@code ElderlyPrescriptionRegistry} writes
 * {@code prescription_gp_elderly_<year>.csv}, GP dispensings of the K15 drug groups to persons 60+. All four draw from
 * streams of their own ({@code Rng.MUNICIPAL_SERVICES}, or their extract's ordinal) and number their rows apart, so
 * every other file keeps its bytes; their plants are in {@code MunicipalServicePlan}.
 * <h2>Medication after heart attack and heart failure (OECD integrated care)</h2>
 * {@code CardiacMedicationRegistry} writes {@code prescription_cardiac_<year>.csv}: statin, antiplatelet, beta blocker
 * and ACE inhibitor/ARB dispensed in the year after an inpatient stay with principal diagnosis in OECD_AMI, beta blocker
 * and ACE inhibitor/ARB after one in OECD_CHF, for stays discharged alive and not transferred, which
 * {@code SomaticEpisodes} notes (drawing nothing) in {@code People.cardiacStays}. Each stay's treatment comes from a
 * stream of its own ({@code Rng.CARDIAC_MEDICATION}, keyed by patient and discharge day), so the same fills are
 * written in whichever year they fall and every other file keeps its bytes; truth.json names the two hospitals planted
 * to prescribe less under {@code cardiac_medication}.
 *
 * <h2>Cancer registry, patient-safety measurements, AMK missions (issue #16, som2)</h2>
 * Unit extracts on streams of their own (kind {@code UNITS}, their extract's ordinal; plants from units 9101-9103), so
 * every other file keeps its bytes: {@code registry_aggregate_patient_safety_<year>.csv}
 * ({@code PatientSafetyMeasurements}: pressure ulcers and risk assessments per hospital and measurement, falls
 * with injury per tertial over patient days, registry PSP), {@code amk_mission_<year>.csv} ({@code AmkMissions}: acute and urgent ambulance missions
 * per municipality with call-to-dispatch times) and, in the last year only, {@code cancer_registry_<year>.csv}
 * ({@code CancerRegistry}: six cancer sites diagnosed over the ten years up to it, with vital status on 31 December,
 * survival drawn from the Gompertz-Makeham life table of {@code data/reference} plus a constant excess hazard per
 * site). Their plants are in truth.json under {@code patient_safety_effects}, {@code amk_dispatch} and
 * {@code cancer_survival}.
 *
 * <h2>truth.json</h2>
 * {@code seed}, {@code scale}, {@code years}; {@code population} (persons, rule); {@code case_mix} (catchment
 * bohf, its local-hospital orgnrs, its municipalities, added olderness, frailty and Charlson log odds, the zeroed
 * hospital random effects); {@code overdispersion} (SDs of the unit random effects); {@code hospital_effects}
 * (provider_org, name, outcome, log_odds_ratio, odds_ratio, trend_log_odds_per_year, note, catchment_municipalities:
 * the municipalities whose local hospital it is); {@code hospital_random_effects}
 * (per site, per outcome); {@code municipality_effects} (municipality, outcome, multiplier);
 * {@code mental_health_effects} (the trust, by org number, with clearly more coercion and the one with slower
 * pathways, odds ratio and the indicators they move, and the SD of every trust's random logit shift on each);
 * {@code reporting_gap} (trust bohf and HF orgnr, provider_orgs, year, tertial, extracts); {@code faults}
 * {@code reporting_gap} (trust bohf and HF orgnr, provider_orgs, year, tertial, extracts); {@code municipal_services}
 * (the planted municipalities of the municipal service files with their indicators and effects, and the rules of
 * their random parts); {@code faults}
 * (rate, the planted values, and {@code files.<file>.<KIND>.count/field} for every file that carries faults);
 * {@code cancer_pathway_effects} and {@code quality_registry_effects} (see "Second deliveries" above);
 * {@code volumes} (events and 30-day deaths per event type and year, with the expected count);
 * {@code file_rows} (data rows per file, duplicates included).
 *
 * Known simplifications: the register starts empty of nursing-home stays in the first year (KOSTRA
 * NH_RESIDENTS builds up over the first years); episodes discharged after the last year are not written;
 * prescriptions, GP contacts and 116117 calls are samples of the real volumes (see {@link no.kvik.synth.Cond}).
 */
package no.kvik.synth;
