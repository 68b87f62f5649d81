//! Search as people use it, on the shipped record and on small corpora made for one behaviour each.

mod common;

use common::{index_of, jsonl, record_index};
use verbatim::index::Index;
use verbatim::record::parse_file;
use verbatim::search::{Results, SearchOptions};

fn search(index: &Index, query: &str) -> Results {
    index.search(query, &SearchOptions::default())
}

fn ids(results: &Results) -> Vec<&str> {
    results.hits.iter().map(|h| h.id.as_str()).collect()
}

/// The ids a query finds, in id order: for tests of what is found, not of its rank.
fn found(index: &Index, query: &str) -> Vec<String> {
    let mut found: Vec<String> = search(index, query).hits.into_iter().map(|h| h.id).collect();
    found.sort();
    found
}

/// A corpus of one-line passages with ids "a", "b", "c"…
fn corpus(texts: &[&str]) -> Index {
    let lines: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            serde_json::json!({"id": ((b'a' + i as u8) as char).to_string(), "text": t, "lang": "fr"}).to_string()
        })
        .collect();
    index_of(jsonl("corpus.jsonl", &lines.join("\n")))
}

/// A corpus of passages in one language, each with its id and speaker ("": none).
fn spoken(lang: &str, lines: &[(&str, &str, &str)]) -> Index {
    let passages: Vec<String> = lines
        .iter()
        .map(|(id, speaker, text)| {
            let speaker = (!speaker.is_empty()).then_some(speaker);
            serde_json::json!({"id": id, "text": text, "lang": lang, "speaker": speaker}).to_string()
        })
        .collect();
    index_of(jsonl("spoken.jsonl", &passages.join("\n")))
}

/// A corpus of one-line passages in one language, with ids "p0", "p1"…
fn numbered(texts: &[String], lang: &str) -> Index {
    let lines: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": format!("p{i}"), "text": t, "lang": lang}).to_string())
        .collect();
    index_of(jsonl("numbered.jsonl", &lines.join("\n")))
}

#[test]
fn the_word_being_typed_is_completed() {
    let r = search(&record_index(), "Litu");
    assert_eq!(ids(&r)[0], "AG/12734#p15");
    assert_eq!(r.suggestion, None, "a completion is not a typo");
    let finished = search(&record_index(), "Litu ");
    assert!(finished.hits.iter().all(|h| !h.text.contains("Lituanie")), "a finished word is not a prefix");
}

#[test]
fn a_misspelled_name_finds_the_speaker() {
    let index = record_index();
    let r = search(&index, "Mulaly");
    assert!(r.hits.len() >= 3);
    assert!(r.hits.iter().take(3).all(|h| h.text.contains("Mullally")), "{:?}", ids(&r));
    assert_eq!(search(&index, "Baerbok").hits[0].speaker.as_deref(), Some("Annalena Baerbock"));
    assert_eq!(search(&index, "Baerbcok").hits[0].speaker.as_deref(), Some("Annalena Baerbock"), "transposition");
}

#[test]
fn two_words_typed_without_the_space_find_them_side_by_side() {
    let index = corpus(&[
        "Le Costa Rica a pris la parole.",
        "Rica, la costa brava.",
        "Par ailleurs, tout change.",
        "Les droits humains des victimes.",
    ]);
    assert_eq!(ids(&search(&index, "costarica ")), ["a"]);
    assert_eq!(ids(&search(&index, "droitshumains ")), ["d"]);
    assert!(search(&index, "partout ").hits.is_empty(), "« par » and « tout » never stand together here");
    assert_eq!(ids(&search(&record_index(), "costarica")), ["AG/12734#p25"]);
}

#[test]
fn typos_are_tolerated_by_word_length() {
    let index = corpus(&["le lion dort", "un trafic illicite", "la gouvernance mondiale"]);
    assert!(search(&index, "lio ").hits.is_empty(), "no edit below four letters");
    assert_eq!(ids(&search(&index, "trafc ")), ["b"], "one edit from four letters");
    assert_eq!(ids(&search(&index, "gouvrenanse ")), ["c"], "two edits from eight letters");
}

#[test]
fn a_word_spelt_as_it_sounds_finds_the_word() {
    let index = corpus(&[
        "Les trafiquants recrutent en ligne.",
        "Le trafic de drogue recule.",
        "La traite des personnes.",
        "Les Philippines ont pris la parole.",
    ]);
    // Three edits from « trafiquants », and an English stem ("traffic") away
    // from « trafic » and « traite »: it sounds like the first.
    assert_eq!(ids(&search(&index, "trafficants "))[..1], ["a"]);
    assert_eq!(ids(&search(&index, "Filipines ")), ["d"]);
    assert_eq!(found(&index, "trafficking "), ["b", "c"], "an English word still translates");
}

#[test]
fn words_as_far_apart_as_in_the_query_stand_together() {
    let index =
        corpus(&["Toute politique élaborée sans eux échoue.", "Lors de l’élaboration des politiques, écoutez-les."]);
    // « des » stands between the words in the query as in the text: a phrase, not words one apart.
    assert_eq!(ids(&search(&index, "elaboration des politiques")), ["b", "a"]);
    assert_eq!(ids(&search(&record_index(), "elaboration des politiques"))[0], "AG/12734#p24");
}

#[test]
fn an_exact_word_ranks_above_a_corrected_one() {
    let index = corpus(&["Madame Mullally a parlé", "Madame Mulaly a parlé"]);
    assert_eq!(ids(&search(&index, "Mulaly "))[0], "b");
}

#[test]
fn a_typo_means_the_common_word_it_is_nearest_to_not_a_rare_one_further_away() {
    // "rseolution" is one swap from "resolution" (in 20 passages), two edits
    // from "revolution" (in one): the rare word's idf must not carry it first.
    let mut lines: Vec<String> = (0..20).map(|i| format!("La résolution {i} a été adoptée.")).collect();
    lines.extend((0..20).map(|i| format!("Le débat {i} continue.")));
    lines.push("La révolution industrielle.".to_string());
    let index = numbered(&lines, "fr");
    let r = search(&index, "rseolution ");
    assert_eq!(r.suggestion.as_deref(), Some("résolution"));
    assert!(r.hits.first().is_some_and(|h| h.text.contains("résolution")), "{:?}", ids(&r));
}

#[test]
fn a_typo_keeps_its_first_letter_more_often_than_not() {
    // "apartied" is two edits from both "apartheid" (2 passages) and "parties"
    // (20): the word that begins the same way is the one meant.
    let mut texts: Vec<String> = (0..20).map(|i| format!("The parties {i} agreed.")).collect();
    texts.extend(["The end of apartheid.".to_string(), "Apartheid was a crime.".to_string()]);
    let index = numbered(&texts, "en");
    let r = search(&index, "apartied ");
    assert_eq!(r.suggestion.as_deref(), Some("apartheid"));
    assert!(r.hits.iter().take(2).all(|h| h.text.to_lowercase().contains("apartheid")), "{:?}", ids(&r));
}

#[test]
fn a_word_misspelt_while_being_typed_is_completed() {
    // "Soriv" is one swap from "Sorvi", the beginning of "Sorvino".
    let r = search(&record_index(), "Soriv");
    assert_eq!(r.suggestion.as_deref(), Some("sorvino"));
    assert_eq!(ids(&r).first(), Some(&"AG/12734#p12"));
    assert!(search(&record_index(), "Soriv ").hits.is_empty(), "a finished word is measured whole");
}

#[test]
fn a_clipped_word_finds_the_longer_word_it_stands_for() {
    // « cinéma » is short for « cinématographe »; a word the record has keeps its meaning.
    let index = corpus(&[
        "Les frères Lumière mirent au point le cinématographe à Lyon.",
        "La photographie fut inventée en France.",
        "Le cinéclub de Lyon.",
    ]);
    assert!(ids(&search(&index, "où le cinéma a-t-il été inventé")).contains(&"a"));
    assert_eq!(ids(&search(&index, "cinéma")), ["a"], "« cinéclub » does not begin with « cinéma »");
    let index = corpus(&["Un film au cinéma.", "Le cinématographe des frères Lumière."]);
    assert_eq!(ids(&search(&index, "cinéma ")), ["a"], "a word the record has is not stretched");
}

#[test]
fn the_modal_verbs_and_pronouns_of_a_french_question_rank_nothing() {
    let index = corpus(&[
        "Les victimes doivent être entendues, et elles doivent être protégées.",
        "Les victimes de la criminalité forcée ne sont pas poursuivies.",
        "Les États peuvent agir.",
    ]);
    let r = search(&index, "les victimes doivent-elles être poursuivies ?");
    assert_eq!(ids(&r)[0], "b", "{:?}", ids(&r));
    // Alone, they are still searched.
    assert_eq!(found(&index, "peuvent"), ["c"]);
}

#[test]
fn a_misspelt_word_is_never_read_as_a_stopword() {
    let index = corpus(&["Aux États Membres de décider.", "Le travail forcé recule."]);
    let r = search(&index, "taux travail ");
    assert_eq!(ids(&r), ["b"]);
    assert_eq!(r.suggestion, None);
}

#[test]
fn quoted_phrases_match_adjacent_words_only() {
    let index = corpus(&["le travail était forcé", "contre le travail forcé", "travail forcé et travail forcé"]);
    assert_eq!(found(&index, "\"travail forcé\""), ["b", "c"]);
    let record = search(&record_index(), "\"travail forcé\"");
    assert!(record.hits.iter().all(|h| h.text.contains("travail forcé")));
    assert_eq!(record.total, 3);
}

#[test]
fn a_quoted_phrase_as_typed_ranks_above_its_inflections() {
    let index = corpus(&[
        "La table ronde a porté sur la traite.",
        "La discussion s’est poursuivie dans le cadre de deux tables rondes successives cet après-midi.",
    ]);
    assert_eq!(ids(&search(&index, "\"tables rondes\"")), ["b", "a"]);
    assert_eq!(ids(&search(&index, "\"table ronde\"")), ["a", "b"]);
}

#[test]
fn a_minus_sign_excludes_a_word() {
    let r = search(&record_index(), "traite -Lituanie");
    assert!(!r.hits.is_empty());
    assert!(r.hits.iter().all(|h| !h.text.contains("Lituanie")));
}

#[test]
fn acronyms_find_their_long_names_and_back() {
    let index = corpus(&[
        "l’Office des Nations Unies contre la drogue et le crime (ONUDC) a parlé",
        "le rapport de l’Office des Nations Unies contre la drogue et le crime",
        "tandis que l’ONUDC exhortait les plateformes",
        "un office de tourisme",
    ]);
    assert_eq!(found(&index, "ONUDC "), ["a", "b", "c"]);
    let by_name = search(&index, "Office des Nations Unies contre la drogue et le crime");
    assert!(ids(&by_name).contains(&"c"), "{:?}", ids(&by_name));
    assert_eq!(ids(&by_name).last(), Some(&"d"), "a lone shared word ranks last");
    let misspelt = search(&index, "Ofice des Nations Unies contre la drogue et le crime");
    assert!(ids(&misspelt).contains(&"c"), "a misspelt long name finds the acronym too: {:?}", ids(&misspelt));
    let english = search(&index, "United Nations Office on Drugs and Crime");
    assert!(ids(&english).contains(&"c"), "and in English, its words in another order: {:?}", ids(&english));
}

#[test]
fn a_whole_question_returns_the_passage_that_answers() {
    let r = search(&record_index(), "Qu'a dit la Lituanie sur le Bélarus ?");
    assert_eq!(ids(&r)[0], "AG/12734#p15");
    let r = search(&record_index(), "que pense le Tadjikistan des nouvelles menaces ?");
    assert_eq!(r.hits[0].speaker.as_deref(), Some("Jonibek Hikmat"));
}

#[test]
fn a_delegation_named_by_its_nationality_finds_its_speech() {
    let index = spoken(
        "fr",
        &[
            ("a", "", "Le débat a réuni de nombreuses délégations."),
            ("b", "Italie", "L’Italie a mentionné la nomination d’un envoyé spécial."),
            ("c", "Mexique", "Le Mexique a présenté son programme national."),
        ],
    );
    for query in ["what did the Italian delegation say", "délégation italienne", "les Italiens"] {
        assert_eq!(ids(&search(&index, query)).first(), Some(&"b"), "{query}");
    }
    assert_eq!(ids(&search(&index, "the mexican delegate")).first(), Some(&"c"));
}

#[test]
fn a_question_of_what_a_delegation_said_names_it_by_its_nationality_where_the_text_uses_the_word() {
    // English statements say "French" of many things; the adjective still names France as the speaker.
    let index = spoken(
        "en",
        &[
            ("a", "France", "We support a ban on nuclear tests."),
            ("b", "Japan", "Nuclear tests must end, and French Polynesia knows nuclear tests too."),
            ("c", "Japan", "Nuclear tests, nuclear tests: nuclear tests must end."),
            ("d", "Mexico", "Our delegation supports the treaty on nuclear tests."),
        ],
    );
    for query in [
        "what did the French delegation say about nuclear tests",
        "what did the delegation of France say about nuclear tests",
    ] {
        assert_eq!(ids(&search(&index, query)).first(), Some(&"a"), "{query}");
    }
    // "Representative" and "delegation" name no one: Mexico does.
    let r = search(&index, "what did the representative of Mexico say about nuclear tests");
    assert_eq!(ids(&r).first(), Some(&"d"), "{:?}", ids(&r));
}

#[test]
fn a_question_that_asks_for_a_figure_ranks_the_passage_that_gives_it_first() {
    let index = corpus(&[
        "Des enfants, victimes de la traite.",
        "Les victimes de la traite sont des enfants dans 30% des cas.",
        "La traite des enfants, criminalisée.",
        "La traite des enfants a été criminalisée en 2019 par le Parlement.",
        "Le fleuve s’étend sur une longueur remarquable.",
        "Le fleuve est long de 6 400 kilomètres.",
    ]);
    assert_eq!(ids(&search(&index, "quelle part des victimes de la traite sont des enfants"))[0], "b");
    assert_eq!(ids(&search(&index, "quelle est la part des enfants parmi les victimes ?"))[0], "b");
    assert_eq!(ids(&search(&index, "en quelle année la traite des enfants a-t-elle été criminalisée"))[0], "d");
    assert_eq!(ids(&search(&index, "quelle est la longueur du fleuve"))[0], "f");
    // Asking nothing, the same words rank the shorter passage first.
    assert_eq!(ids(&search(&index, "victimes de la traite enfants"))[0], "a");
    // « Près de la moitié des victimes »: on the record, in English.
    let r = search(&record_index(), "what share of trafficking victims are children");
    assert_eq!(ids(&r)[0], "AG/12734#p14");
}

#[test]
fn an_acronym_typed_in_capitals_is_not_the_function_word_it_spells() {
    let index = corpus(&[
        "Un enfant sur trois est une victime, et un sur deux une fille.",
        "L’ONU publie ce rapport.",
        "J’ai vu l’IA détecter les annonces.",
        "Les Nations Unies agissent.",
    ]);
    assert_eq!(found(&index, "UN"), ["b", "d"], "« ONU », « Nations Unies », not the article « un »");
    assert_eq!(ids(&search(&index, "AI")), ["c"]);
    // On the record: « l’IA », « l’intelligence artificielle (IA) ».
    let r = search(&record_index(), "AI");
    assert!(r.hits.len() >= 5 && r.hits.iter().all(|h| h.text.contains("IA") || h.text.contains("intelligence")));
}

#[test]
fn an_acronym_the_text_never_defines_finds_the_name_its_initials_spell() {
    let index = corpus(&[
        "Mme Dank, professeure à la New York University, a parlé.",
        "Le Centre (International Center for Missing & Exploited Children) agit.",
        "New rules for York universities were written.",
    ]);
    assert_eq!(ids(&search(&index, "NYU")), ["a"]);
    assert_eq!(ids(&search(&index, "icmec")), ["b"], "typed in lowercase, and no typo of a known word");
    let r = search(&record_index(), "NYU");
    assert_eq!(ids(&r), ["AG/12734#p22"], "Mme Meredith Dank, professeure à la New York University");
}

#[test]
fn an_acronym_of_words_of_any_case_finds_the_term_its_initials_spell() {
    let index = corpus(&[
        "Une organisation non gouvernementale aide les rescapés.",
        "Les technologies de l’information et des communications sont détournées.",
        "Plusieurs délégations ont tenu à saluer ce travail.",
        "Les Émirats arabes unis ont détaillé leur système.",
    ]);
    assert_eq!(ids(&search(&index, "ONG")), ["a"]);
    assert_eq!(ids(&search(&index, "EAU")), ["d"], "a capital and lowercase words, an accented initial");
    assert_eq!(ids(&search(&index, "TIC")), ["b"], "function words link the term's words");
    assert!(search(&index, "PDT").hits.is_empty(), "« ont » links no term");
    let record = record_index();
    assert_eq!(
        ids(&search(&record, "ONG")),
        ["AG/12734#p24"],
        "the Bangladesh, « l’organisation non gouvernementale Hope »"
    );
}

#[test]
fn an_english_acronym_finds_the_french_name_its_initials_spell_in_another_order() {
    let index = corpus(&[
        "Une organisation non gouvernementale aide les rescapés.",
        "La Présidente de l’Assemblée générale a ouvert la séance.",
        "Le gouvernement a nommé une organisation.",
    ]);
    assert_eq!(ids(&search(&index, "NGO")), ["a"], "non-governmental organization");
    assert_eq!(ids(&search(&index, "PGA")), ["b"], "President of the General Assembly");
    assert!(search(&index, "GNP").hits.is_empty(), "no run of words spells it in any order");
    // On the record: « la Présidente de l’Assemblée générale » (p10), « l’organisation non
    // gouvernementale Hope for Justice » (p24).
    assert!(ids(&search(&record_index(), "PGA"))[..3].contains(&"AG/12734#p10"));
    assert_eq!(ids(&search(&record_index(), "NGO")), ["AG/12734#p24"]);
}

#[test]
fn a_un_acronym_finds_the_role_or_body_it_stands_for() {
    let index = corpus(&[
        "Au nom du Secrétaire général des Nations Unies, M. Guy Ryder a pris la parole.",
        "La Rapporteuse spéciale sur la traite des êtres humains a présenté son rapport.",
        "La Convention contre la criminalité transnationale organisée a été ratifiée.",
        "Les Nations Unies ont tenu une séance.",
    ]);
    assert_eq!(ids(&search(&index, "SG ONU"))[0], "a", "Secretary-General");
    assert_eq!(ids(&search(&index, "UNSR trafficking"))[0], "b", "UN Special Rapporteur");
    assert_eq!(ids(&search(&index, "UNTOC"))[0], "c", "the Palermo Convention");
    // On the record: « Au nom du Secrétaire général des Nations Unies » (p6), « la Rapporteuse
    // spéciale sur la traite des êtres humains » (p7).
    assert_eq!(ids(&search(&record_index(), "SG ONU"))[0], "AG/12734#p6");
    assert_eq!(ids(&search(&record_index(), "UNSR trafficking"))[0], "AG/12734#p7");
}

#[test]
fn a_word_the_record_lacks_finds_its_synonyms_the_record_has() {
    let index = corpus(&[
        "La star de cinéma a plaidé pour les victimes.",
        "Le modèle nordique pénalise les clients.",
        "Les victimes ont témoigné.",
        "Les rescapés ont témoigné devant l’Assemblée.",
    ]);
    assert_eq!(ids(&search(&index, "qu'a dit l'actrice")), ["a"], "actrice → star, cinéma");
    assert_eq!(ids(&search(&index, "sanctionner ceux qui achetent du sexe"))[0], "b", "→ pénalise, clients");
    assert_eq!(search(&index, "actrice").suggestion, None, "a synonym is no typo to suggest");
    // « victimes » is the record's own word: its synonyms (« rescapés ») are not read.
    assert_eq!(ids(&search(&index, "victimes")), ["c", "a"]);
    // On the record: « L’ancienne Ambassadrice de bonne volonté de l’ONUDC et star de
    // cinéma » (p13), « le modèle dit « nordique », qui pénalise les clients » (p13).
    assert_eq!(ids(&search(&record_index(), "qu'a dit l'actrice"))[0], "AG/12734#p13");
    assert_eq!(ids(&search(&record_index(), "sanctionner ceux qui achetent du sexe"))[0], "AG/12734#p13");
}

#[test]
fn a_fraction_finds_the_share_given_as_a_percentage() {
    let index = corpus(&[
        "Les victimes ont témoigné devant l’Assemblée.",
        "Près de la moitié des victimes sont des enfants.",
        "Plus de 60% des victimes sont des femmes.",
    ]);
    assert_eq!(ids(&search(&index, "moitie des victimes")), ["b", "c", "a"]);
    assert_eq!(ids(&search(&index, "majority of victims"))[0], "c");
}

#[test]
fn a_number_finds_it_written_as_a_word_and_back() {
    let index = corpus(&[
        "Quinze ans après l’adoption du plan, la traite persiste.",
        "Le plan compte 15 mesures.",
        "Trois pays ont signé l’accord.",
        "Des pays ont signé l’accord.",
    ]);
    assert_eq!(ids(&search(&index, "15 ans"))[0], "a");
    assert_eq!(found(&index, "quinze"), ["a", "b"]);
    assert_eq!(ids(&search(&index, "3 pays"))[0], "c");
    // « Quinze ans après l’adoption du Plan d’action »: on the record.
    assert_eq!(ids(&search(&record_index(), "15 ans"))[0], "AG/12734#p1");
}

#[test]
fn a_number_spelt_in_two_words_finds_its_figure() {
    let index = corpus(&[
        "Des accords avec 47 pays.",
        "Quarante pays, sept accords.",
        "Sept pays et quarante accords.",
        "Dans 70% des cas.",
    ]);
    assert_eq!(ids(&search(&index, "quarante-sept pays"))[0], "a");
    assert_eq!(ids(&search(&index, "forty-seven countries"))[0], "a");
    assert_eq!(ids(&search(&index, "soixante-dix pour cent")), ["d"]);
    // « a rappelé que 70% des cas de traite sont liés à » (p21), on the record.
    assert_eq!(ids(&search(&record_index(), "soixante-dix pour cent"))[0], "AG/12734#p21");
}

#[test]
fn a_number_spelt_in_several_words_finds_its_figure() {
    let index = corpus(&[
        "La plupart des 185 États signataires.",
        "Cent pays et quatre-vingt-cinq accords.",
        "La Déclaration politique de 2025.",
        "Vingt-cinq ans après, deux mille victimes.",
    ]);
    assert_eq!(ids(&search(&index, "cent quatre-vingt-cinq Etats"))[0], "a");
    assert_eq!(ids(&search(&index, "one hundred and eighty-five states"))[0], "a");
    assert_eq!(ids(&search(&index, "deux mille vingt-cinq"))[0], "c");
    // « la plupart des 185 États signataires » (p14), on the record.
    assert_eq!(ids(&search(&record_index(), "cent quatre-vingt-cinq Etats"))[0], "AG/12734#p14");
}

#[test]
fn a_ratio_finds_the_share_given_as_a_percentage() {
    let index = corpus(&[
        "Trois rapports sur cinq ont été publiés.",
        "Plus de 60% des victimes sont des femmes.",
        "Une victime sur quatre est un enfant.",
        "Les victimes sont des femmes et des enfants.",
    ]);
    assert_eq!(ids(&search(&index, "three in five victims are women"))[0], "b");
    assert_eq!(ids(&search(&index, "trois victimes sur cinq"))[0], "b");
    // « plus de 60% des victimes de la traite » (p3), on the record.
    assert_eq!(ids(&search(&record_index(), "three in five victims are women and children"))[0], "AG/12734#p3");
}

#[test]
fn a_number_finds_its_ordinal_spelt_out_and_an_ordinal_its_number() {
    let index = corpus(&[
        "Le vingt-cinquième anniversaire de la Convention est célébré.",
        "Les Nations Unies célèbrent la Convention.",
        "Quatre-vingt-dix pays et la twenty-second session.",
    ]);
    assert_eq!(ids(&search(&index, "convention 25 ans"))[0], "a");
    assert_eq!(ids(&search(&index, "25e anniversaire"))[0], "a");
    assert_eq!(found(&index, "90"), ["c"]);
    assert_eq!(found(&index, "22nd"), ["c"]);
    // « à l’occasion du vingt-cinquième anniversaire de la Convention » (p14), on the record.
    assert_eq!(ids(&search(&record_index(), "25e anniversaire convention"))[0], "AG/12734#p14");
}

#[test]
fn a_title_set_beside_a_name_finds_every_passage_that_speaker_speaks_in() {
    let lines = [
        ("a", "Ana Berg", "La Présidente de l’Assemblée générale, Mme Ana Berg, a ouvert la séance."),
        ("b", "Ana Berg", "Elle a ensuite appelé les États à agir contre la traite."),
        ("c", "Lena Ortiz", "Pour la lutte contre la traite des enfants, Mme Lena Ortiz demande des moyens."),
        ("d", "Lena Ortiz", "Elle a plaidé pour la protection des victimes."),
        ("e", "", "La séance de l’Assemblée générale a été suspendue."),
    ];
    let index = spoken("fr", &lines);
    let r = search(&index, "Présidente de l'Assemblée générale");
    assert_eq!(ids(&r)[..2], ["a", "b"], "« Elle a ensuite appelé… » is the President speaking");
    // Words that merely stand beside a name are no title.
    assert!(!ids(&search(&index, "traite des enfants")).contains(&"d"));
    // On the record: « préoccupé Mme Baerbock », who is « la Présidente de l’Assemblée générale ».
    let r = search(&record_index(), "Présidente de l'Assemblée générale");
    assert!(ids(&r)[..3].contains(&"AG/12734#p4"), "{:?}", ids(&r));
}

#[test]
fn words_quoted_before_a_name_are_no_title() {
    let lines = [
        ("a", "Jon Hik", "« Le Plan d’action doit s’adapter », a déclaré M. Jon Hik, représentant."),
        ("b", "Jon Hik", "Il a ensuite parlé des victimes."),
        ("c", "", "Le plan d’action a quinze ans."),
    ];
    // « Le Plan d’action… », a déclaré M. Hik: a quotation, not his title.
    assert_eq!(found(&spoken("fr", &lines), "plan d'action ans"), ["a", "c"]);
    // « Le Plan d’action doit s’adapter », a déclaré M. Jonibek Hikmat (p27) does not
    // outrank « Quinze ans après l’adoption du Plan d’action » (p1).
    assert_eq!(ids(&search(&record_index(), "fifteen years after the action plan"))[0], "AG/12734#p1");
}

#[test]
fn a_paragraph_that_opens_on_a_title_names_the_person_speaking() {
    let lines = [
        ("a", "Mira Sor", "Mme Mira Sor, membre du Conseil du fonds, a pris la parole."),
        ("b", "Mira Sor", "L’ancienne Ambassadrice de bonne volonté a plaidé pour les victimes."),
        ("c", "Monaco", "L’ambassadrice de Monaco a parlé du sport."),
        ("d", "", "Une ambassadrice a visité le pays."),
    ];
    let index = spoken("fr", &lines);
    assert_eq!(ids(&search(&index, "l'ancienne ambassadrice"))[..2], ["b", "a"]);
    assert_eq!(ids(&search(&index, "ambassadrice de monaco"))[0], "c");
    assert!(!found(&index, "ambassadrice de monaco").contains(&"a".to_string()), "the query's Monaco is not in b");
    // « L’ancienne Ambassadrice de bonne volonté de l’ONUDC… » (p13) goes on with Mme Mira Sorvino (p12).
    assert_eq!(ids(&search(&record_index(), "l'ancienne ambassadrice"))[..2], ["AG/12734#p13", "AG/12734#p12"]);
}

#[test]
fn a_one_word_title_far_from_the_name_finds_that_speaker() {
    let lines = [
        (
            "a",
            "Eva Lind",
            "La Rapporteuse spéciale sur la traite des êtres humains, en particulier les femmes, Mme Eva Lind, a pris la parole.",
        ),
        ("b", "Eva Lind", "Elle a, de plus, appelé les gouvernements à agir."),
        (
            "c",
            "Lituanie",
            "Des migrants ont été poussés vers l’UE, exposant ces personnes à des risques, a déclaré la Lituanie.",
        ),
        ("d", "Lituanie", "Elle a accusé son voisin."),
        ("e", "", "Une étude de l’UE sur la traite a été publiée."),
    ];
    let index = spoken("fr", &lines);
    let r = search(&index, "la rapporteuse");
    assert_eq!(ids(&r)[..2], ["a", "b"], "« Elle a, de plus… » is the Special Rapporteur");
    assert_eq!(found(&index, "UE"), ["c", "e"], "an acronym is no title: « a déclaré la Lituanie » is no name");
    // On the record: « la Rapporteuse spéciale sur la traite des êtres humains, en particulier les femmes
    // et les enfants, Mme Siobhán Mullally », who speaks on in the next paragraphs.
    let record = record_index();
    let mullally = ["AG/12734#p7", "AG/12734#p8", "AG/12734#p9", "AG/12734#p10"];
    assert_eq!(ids(&search(&record, "la rapporteuse"))[..4], mullally);
    // In English, among other words: the title is read from its first words, « Rapporteuse spéciale ».
    assert_eq!(ids(&search(&record, "UN special rapporteur on trafficking"))[..4], mullally);
}

#[test]
fn a_question_of_what_someone_said_finds_that_speaker_first() {
    let index = spoken(
        "en",
        &[
            ("a", "Kiribati", "Nuclear tests poisoned our atolls; nuclear tests must never resume, we say."),
            ("b", "France", "France has ended its nuclear tests."),
            ("c", "France", "France supports the Paris Agreement."),
            ("d", "Chile", "Chile welcomes France and its partners."),
        ],
    );
    assert_eq!(ids(&search(&index, "what did france say about nuclear tests"))[..2], ["b", "a"]);
    assert_eq!(found(&index, "what did france say"), ["b", "c", "d"], "« say » asks: no passage matches it");
    // On the record: « L’ancienne Ambassadrice de bonne volonté de l’ONUDC » is Mira Sorvino.
    let r = search(&record_index(), "qu'a dit mira sorvino sur les rescapes");
    assert_eq!(r.hits[0].speaker.as_deref(), Some("Mira Sorvino"), "{:?}", ids(&r));
}

#[test]
fn a_capitalized_word_before_a_country_is_no_title_of_its_delegation() {
    let congo = "Democratic Republic of the Congo";
    let index = spoken(
        "en",
        &[
            ("a", congo, "We thank the High Commissioner for Refugees in the Democratic Republic of the Congo."),
            ("b", congo, "Our economy grew last year."),
            ("c", congo, "Peace returned to the east."),
        ],
    );
    assert_eq!(found(&index, "refugees"), ["a"], "the delegation's other paragraphs say nothing of refugees");
    // Nor is a capitalized word before the "and" of a name ("Bosnia and Herzegovina").
    let bosnia = "Bosnia and Herzegovina";
    let index = spoken(
        "en",
        &[("a", bosnia, "Climate change and global warming are key issues."), ("b", bosnia, "Our economy grew.")],
    );
    assert_eq!(found(&index, "climate"), ["a"]);
    // Nor are words that end a sentence before the name.
    let index = spoken(
        "en",
        &[
            ("a", "Tonga", "We welcome the Declaration on Sea Level Rise. Tonga has committed to it."),
            ("b", "Tonga", "Our economy grew."),
        ],
    );
    assert_eq!(found(&index, "sea level rise"), ["a"]);
    // A delegation (a General Debate statement's speaker) has no title at all.
    let statement = "In the face of the COVID-19 pandemic, Saint Kitts and Nevis acted.\n\nOur economy grew.\n";
    let index = index_of(parse_file("KNA_75_2020.txt", statement.as_bytes()).expect("a statement"));
    assert_eq!(ids(&search(&index, "covid-19 pandemic")), ["KNA_75_2020#p1"]);
}

#[test]
fn an_english_query_finds_the_french_words_that_translate_it() {
    let index = corpus(&[
        "La pêche illégale recule dans la région.",
        "Le travail forcé touche des millions d’enfants.",
        "Les enfants vont à l’école.",
    ]);
    assert_eq!(ids(&search(&index, "forced labour"))[0], "b");
    assert_eq!(ids(&search(&index, "how many children are in forced labour"))[0], "b");
    let r = search(&index, "children");
    assert_eq!(ids(&r).len(), 2, "children → enfants: {:?}", ids(&r));
    let highlighted: Vec<&str> = r.hits[0].highlights.iter().map(|h| &r.hits[0].text[h.clone()]).collect();
    assert_eq!(highlighted, ["enfants"]);
}

#[test]
fn a_misspelt_english_word_finds_the_french_words_that_translate_it() {
    let index = corpus(&[
        "La pêche illégale recule dans la région.",
        "Le travail forcé touche des millions d’enfants.",
        "Les enfants vont à l’école.",
    ]);
    let r = search(&index, "forced labuor");
    let highlighted: Vec<&str> = r.hits[0].highlights.iter().map(|h| &r.hits[0].text[h.clone()]).collect();
    assert_eq!((ids(&r)[0], highlighted), ("b", vec!["travail", "forcé"]));
    assert_eq!(found(&index, "chidlren"), ["b", "c"]);
    assert!(search(&index, "xqzwvk").hits.is_empty(), "nothing near: nothing found");
}

#[test]
fn english_words_find_the_record_paragraphs_that_say_them_in_french() {
    let record = record_index();
    // « de fausses offres d’emplois en ligne »; « condamné non seulement l’acheteur »; « une fille de 13 ans
    // vendue »; « les refuges »; « matériel pédopornographique »; « demain »; « les Émirats arabes unis »;
    // « d’autres pays […] ont déclaré user d’ores et déjà de l’IA ».
    let expected = [
        ("fake job offers", "AG/12734#p4"),
        ("the buyer", "AG/12734#p32"),
        ("girl sold", "AG/12734#p32"),
        ("shelters", "AG/12734#p23"),
        ("pornography", "AG/12734#p5"),
        ("tomorrow", "AG/12734#p35"),
        ("UAE", "AG/12734#p34"),
        ("countries already using AI", "AG/12734#p34"),
        // « détecter en ligne les signes avant-coureurs » (Shawnna Hoffman).
        ("spot signs of trafficking", "AG/12734#p28"),
        // « la création de matériel pédopornographique » (the European Union).
        ("CSAM", "AG/12734#p5"),
        // « Jonibek Hikmat, Représentant permanent du Tadjikistan, qui coprésidait l’échange ».
        ("who chaired the exchange", "AG/12734#p27"),
    ];
    for (query, paragraph) in expected {
        assert_eq!(ids(&search(&record, query)).first(), Some(&paragraph), "{query}");
    }
}

#[test]
fn an_english_word_that_a_french_record_quotes_once_still_finds_its_translations() {
    // "children" stands once, in an organization's name; « enfants » in ten paragraphs.
    let mut texts = vec!["Le Centre international (Missing & Exploited Children) a pris la parole."];
    texts.extend(["Les enfants sont des victimes.", "Ces enfants ont été déportés."].repeat(5));
    texts.push("La pêche illégale recule.");
    let index = corpus(&texts);
    let r = search(&index, "children");
    assert_eq!(r.total, 11, "the name, and « enfants » in every paragraph that holds it: {:?}", ids(&r));
}

#[test]
fn an_english_quoted_phrase_finds_the_french_phrase_in_its_own_order() {
    let index = corpus(&[
        "Le travail des enfants recule.",
        "Le travail forcé touche des millions de personnes.",
        "Les forces de l'ordre et les inspecteurs du travail coopèrent.",
    ]);
    // "forced labour" is « travail forcé », the other way round: never a match as typed.
    let r = search(&index, "\"forced labour\"");
    assert_eq!(ids(&r)[0], "b", "{:?}", ids(&r));
    // A French quoted phrase stays a phrase.
    assert_eq!(ids(&search(&index, "\"travail forcé\"")), ["b"]);
    assert!(search(&index, "\"forcé travail\"").hits.is_empty());
}

#[test]
fn a_french_query_finds_the_english_words_that_translate_it() {
    let texts = [
        "Forced labour affects millions of children.",
        "Nuclear disarmament remains our goal.",
        "The school year begins in September.",
    ]
    .map(String::from);
    let index = numbered(&texts, "en");
    // Words that no typo or completion brings near their English ones.
    assert_eq!(ids(&search(&index, "enfants")), ["p0"]);
    assert_eq!(ids(&search(&index, "travail")), ["p0"]);
    assert_eq!(ids(&search(&index, "école")), ["p2"]);
    assert_eq!(ids(&search(&index, "combien d'enfants sont au travail ?"))[0], "p0");
    // An English query on an English record is read as typed.
    assert_eq!(ids(&search(&index, "school")), ["p2"]);
}

#[test]
fn words_of_the_other_language_that_share_a_stem_keep_their_own_meanings() {
    // « développés » and « développement », "developed" and "developing", stem alike.
    let english = numbered(
        &[
            "Developed countries must keep their aid promises.",
            "Developing countries need fair access to markets.",
            "The school year begins in September.",
        ]
        .map(String::from),
        "en",
    );
    assert_eq!(ids(&search(&english, "pays développés"))[0], "p0");
    assert_eq!(ids(&search(&english, "pays en developpement"))[0], "p1");
    // "forced" is « forcé », not « forces de l'ordre »: only « travail » joins those.
    let french = corpus(&[
        "Les forces de l’ordre coopèrent avec les inspecteurs du travail.",
        "Le travail forcé touche des millions de personnes.",
    ]);
    let r = search(&french, "forced labour");
    let highlighted: Vec<&str> = r.hits.iter().flat_map(|h| h.highlights.iter().map(|r| &h.text[r.clone()])).collect();
    assert_eq!(ids(&r)[0], "b");
    assert!(!highlighted.contains(&"forces"), "{highlighted:?}");
    // « forcé » folds to the English "force": a false friend beside its translation, "forced".
    let english = numbered(
        &[
            "A skilled and disciplined work force is our best asset for growth.",
            "We condemn the forced labour of children in every region of the world.",
        ]
        .map(String::from),
        "en",
    );
    assert_eq!(ids(&search(&english, "travail forcé"))[0], "p1");
}

#[test]
fn a_delegation_named_as_people_say_it_finds_the_name_the_record_uses() {
    let french = corpus(&[
        "La Lituanie a accusé le Bélarus d’avoir agi en complice.",
        "La pêche illégale recule dans la région.",
    ]);
    assert_eq!(found(&french, "Biélorussie"), ["a"]);
    assert_eq!(found(&french, "bielorussie"), ["a"]);
    let english = numbered(
        &["Myanmar must release its political prisoners.", "The school year begins in September."].map(String::from),
        "en",
    );
    assert_eq!(found(&english, "Burma"), ["p0"]);
    assert_eq!(found(&english, "Birmanie"), ["p0"], "the French name too");
}

#[test]
fn a_keyword_query_with_one_french_word_is_read_as_french_whole() {
    let texts = [
        "Sustainable development needs funding.",
        "A durable ceasefire must hold.",
        "Development aid grew.",
        "Economic development and trade.",
    ]
    .map(String::from);
    let index = numbered(&texts, "en");
    // « developpement » is no English word: the query is French, and its
    // « durable » is "sustainable", not the English "durable".
    assert_eq!(ids(&search(&index, "developpement durable"))[0], "p0");
    // Typed in English, "durable" is the English word.
    assert_eq!(ids(&search(&index, "durable"))[0], "p1");
}

#[test]
fn a_french_query_is_read_as_french() {
    // « court » is French (short) and English (a court: « cour »). A French query
    // means the French word; an English one, the court.
    let index = corpus(&["Le délai est court.", "La Cour a statué."]);
    assert_eq!(ids(&search(&index, "délai court")), ["a"]);
    assert!(ids(&search(&index, "what did the court say")).contains(&"b"));
}

#[test]
fn a_question_with_some_known_words_is_never_empty() {
    let r = search(&record_index(), "pourquoi les zorglubs parlent-ils de migrations ?");
    assert!(!r.hits.is_empty());
}

#[test]
fn passages_matching_more_of_the_query_rank_higher() {
    let index = corpus(&["gangs gangs gangs gangs en ville", "Haïti et les gangs", "Haïti vote"]);
    assert_eq!(ids(&search(&index, "haiti gangs "))[0], "b");
}

#[test]
fn accents_are_optional_but_exact_accents_rank_first() {
    let index = corpus(&["un élève attentif", "un eleve distrait"]);
    assert_eq!(ids(&search(&index, "élève ")), ["a", "b"]);
    assert_eq!(ids(&search(&index, "eleve ")), ["b", "a"]);
    let r = search(&record_index(), "etats membres");
    assert!(r.hits.iter().take(6).all(|h| h.text.contains("États Membres")));
}

#[test]
fn elisions_typed_with_a_plain_apostrophe_match() {
    let r = search(&record_index(), "d'Haïti");
    assert!(r.hits[0].text.contains("d’Haïti"));
}

#[test]
fn inflections_match_through_the_stem() {
    let r = search(&record_index(), "trafiquant ");
    assert!(r.hits.iter().take(5).all(|h| h.text.contains("trafiquants")), "{:?}", ids(&r));
    let en = index_of(jsonl("en.jsonl", r#"{"id":"x","text":"Traffickers exploit the vulnerable.","lang":"en"}"#));
    assert_eq!(ids(&search(&en, "trafficking ")), ["x"]);
}

#[test]
fn a_word_finds_its_inflections_before_the_words_derived_from_its_stem() {
    let index = corpus(&[
        "L’exploitation des terres agricoles de la région progresse.",
        "Les exploitants des terres agricoles de la région manifestent.",
    ]);
    // Snowball stems « exploitant » and « exploitation » alike.
    assert_eq!(ids(&search(&index, "exploitant")), ["b", "a"]);
    // On the record, before a longer paragraph that says « exploitation » twice:
    // « perturber et démanteler les trafiquants et exploitants en ligne » (p4).
    assert_eq!(ids(&search(&record_index(), "exploitant")).first(), Some(&"AG/12734#p4"));
}

#[test]
fn a_word_the_record_lacks_finds_the_words_that_begin_with_its_stem() {
    // « mendiants » (stem « mendi ») is not in the record; « La mendicité l’est
    // désormais » (p21) is, stem « mendic ». Nor is a typo that far from it.
    let r = search(&record_index(), "mendiants forcés");
    assert_eq!(ids(&r).first(), Some(&"AG/12734#p21"), "{:?}", ids(&r));
    // A stem shorter than five letters begins too many words to stand for any.
    let index = corpus(&["Les volontaires arrivent."]);
    assert!(search(&index, "volées").hits.is_empty(), "« volées » is stem « vol »");
}

#[test]
fn a_verb_typed_in_the_infinitive_finds_its_present_plural() {
    // The record: "des lois qui criminalisent" (p3), "a récemment criminalisé" (p5).
    let r = search(&record_index(), "criminaliser ");
    let found = ids(&r);
    assert!(found.contains(&"AG/12734#p3") && found.contains(&"AG/12734#p5"), "{found:?}");
    let c = corpus(&["Les réseaux recrutent en ligne.", "Un acte violent.", "Le viol comme arme."]);
    assert_eq!(ids(&search(&c, "recruter ")), ["a"]);
    assert_eq!(ids(&search(&c, "viol ")), ["c"], "a short root is not a verb's");
}

#[test]
fn numbers_percentages_and_french_thousands() {
    let index = corpus(&["plus de 60% des victimes", "près de 15 000 personnes", "60 pays"]);
    assert_eq!(ids(&search(&index, "60 %"))[0], "a");
    assert_eq!(ids(&search(&index, "60%"))[0], "a");
    assert_eq!(ids(&search(&index, "15000 ")), ["b"]);
    assert_eq!(ids(&search(&index, "15 000")), ["b"]);
}

#[test]
fn hyphenated_words_are_found_whole_and_by_their_parts() {
    let index = corpus(&["pas de demi-mesures", "des mesures fortes", "l’Asie du Sud-Est"]);
    assert_eq!(ids(&search(&index, "demi-mesures"))[0], "a");
    assert_eq!(ids(&search(&index, "demi mesures"))[0], "a");
    assert_eq!(ids(&search(&index, "sud ")), ["c"]);
}

#[test]
fn un_document_symbols_are_one_word() {
    let index = corpus(&["voir le document A/80/PV.48.", "le point 80 de l’ordre du jour"]);
    assert_eq!(ids(&search(&index, "A/80/PV.48")), ["a"]);
}

#[test]
fn a_speaker_name_finds_every_passage_they_speak_in() {
    let r = search(&record_index(), "Sorvino");
    assert_eq!(ids(&r), ["AG/12734#p12", "AG/12734#p13"]);
    assert!(!r.hits[1].text.contains("Sorvino"), "the second one speaks without naming her");
    // p10 names her by the title she was given in p3: « la Présidente de l’Assemblée générale ».
    let r = search(&record_index(), "Baerbock");
    assert!(ids(&r).contains(&"AG/12734#p10"), "{:?}", ids(&r));
    assert!(r.hits.iter().all(|h| h.id == "AG/12734#p10" || h.text.contains("Baerbock")));
}

#[test]
fn headings_weigh_on_the_ranking() {
    let index = corpus(&["le tourisme local", "le tourisme aussi"]);
    assert_eq!(index.data.passages.len(), 2);
    let r = search(&record_index(), "tourisme");
    assert_eq!(r.hits[0].section.as_deref(), Some("Tourisme, sport, migration: des risques à atténuer"));
}

#[test]
fn filters_and_facets_by_speaker_and_section() {
    let index = record_index();
    let all = search(&index, "traite");
    let facet_total: usize = all.facets.sections.iter().map(|f| f.count).sum();
    assert!(facet_total <= all.total && facet_total > 0);
    let mullally = all.facets.speakers.iter().find(|f| f.value == "Siobhán Mullally").expect("a facet for her");
    let only = index.search(
        "traite",
        &SearchOptions { speaker: Some("Siobhán Mullally".into()), limit: 50, ..SearchOptions::default() },
    );
    assert_eq!(only.total, mullally.count);
    assert!(only.hits.iter().all(|h| h.speakers.contains(&"Siobhán Mullally".to_string())));
    let section = "Entendre la voix des rescapés de la traite";
    let in_section =
        index.search("traite", &SearchOptions { section: Some(section.into()), ..SearchOptions::default() });
    assert!(in_section.hits.iter().all(|h| h.section.as_deref() == Some(section)));
    assert_eq!(in_section.facets.sections.len(), 1);
}

#[test]
fn did_you_mean_when_nothing_matches_well() {
    let index = record_index();
    assert_eq!(search(&index, "Baerbok").suggestion.as_deref(), Some("baerbock"));
    assert_eq!(search(&index, "Baerbock").suggestion, None);
    let r = search(&index, "zzzzqqq");
    assert!(r.hits.is_empty());
}

#[test]
fn each_hit_carries_what_a_citation_needs() {
    let r = search(&record_index(), "Mullally rapporteuse");
    let hit = &r.hits[0];
    assert_eq!(hit.record, "AG/12734");
    assert_eq!(hit.anchor, format!("p{}", hit.number));
    assert_eq!(hit.id, format!("AG/12734#{}", hit.anchor));
    assert_eq!(hit.speaker.as_deref(), Some("Siobhán Mullally"));
    assert!(hit.section.is_some());
    assert!(hit.score > 0.0);
    for range in &hit.highlights {
        let word = &hit.text[range.clone()];
        assert!(word.contains("Mullally") || word.to_lowercase().starts_with("rapport"), "{word}");
    }
    let n = hit.snippet.text.chars().count();
    assert!((160..=245).contains(&n), "snippet of {n} chars");
    assert!(!hit.snippet.highlights.is_empty());
    for range in &hit.snippet.highlights {
        assert!(hit.snippet.text.get(range.clone()).is_some());
    }
}

#[test]
fn odd_queries_give_results_or_nothing_but_never_fail() {
    let index = record_index();
    let long = "traite ".repeat(20_000);
    let phrases = "\"a b\" ".repeat(1000);
    for q in
        ["", "----", "\"", "\u{0}\u{7}", "\u{202e}traite", "🙂 traite 🙂", "مرحبا", long.as_str(), phrases.as_str()]
    {
        let r = search(&index, q);
        assert!(r.hits.len() <= 10);
    }
    assert!(!search(&index, &long).warnings.is_empty());
}

/// Stem groups are derived a first letter at a time, on demand: for every word of a
/// French and of an English index they must equal those of a scan over the whole
/// dictionary (the words with a stem key in common).
#[test]
fn stem_groups_found_on_demand_equal_a_whole_dictionary_scan() {
    use verbatim::analysis::{Lang, fold, stem_key};
    let french = record_index();
    let english = index_of(jsonl("en.jsonl", include_str!("data/en-general/passages.jsonl")));
    for (index, lang) in [(french, Lang::French), (english, Lang::English)] {
        let keys = |w: &str| [stem_key(lang, w), stem_key(lang, &fold(w))];
        let all: Vec<[String; 2]> = index.data.words.iter().map(|w| keys(w)).collect();
        let mut grouped = 0;
        for word in &index.data.words {
            let mine = keys(word);
            let expected: Vec<u32> =
                (0..all.len() as u32).filter(|&id| all[id as usize].iter().any(|k| mine.contains(k))).collect();
            assert_eq!(index.stem_group(word), expected, "{lang:?} {word:?}");
            grouped += usize::from(expected.len() > 1);
        }
        assert!(grouped > 100, "{lang:?}: only {grouped} words share a stem with another");
    }
}
