//! The shipped record read as a person would: paragraphs, sections, who speaks.

mod common;

use common::record;
use verbatim::record::SpeakerKind;

fn speakers_of(number: u32) -> Vec<String> {
    let r = record();
    let p = r.passages.iter().find(|p| p.number == number).expect("paragraph exists");
    p.speakers.iter().map(|s| s.name.clone()).collect()
}

#[test]
fn the_record_has_its_header_paragraphs_and_sections() {
    let r = record();
    assert_eq!(r.symbol, "AG/12734");
    assert_eq!(r.session, "Quatre-vingtième session");
    assert!(r.meeting.starts_with("48e séance plénière"));
    assert!(r.title.starts_with("L’Assemblée générale adopte la Déclaration politique de 2025"));
    assert_eq!(r.passages.len(), 35);
    assert_eq!(r.passages[22].id, "AG/12734#p23");
    assert_eq!(r.passages[22].anchor(), "p23");
    let sections: Vec<_> = r.passages.iter().filter_map(|p| p.section.as_deref()).collect();
    assert!(sections.contains(&"Entendre la voix des rescapés de la traite"));
    assert!(sections.iter().any(|s| s.starts_with("Table ronde 2:")));
    assert!(r.passages.iter().all(|p| !p.text.starts_with("À l’intention des organes")), "footer dropped");
}

#[test]
fn people_introduced_with_an_honorific_speak() {
    assert_eq!(speakers_of(3), ["Annalena Baerbock"]);
    assert_eq!(speakers_of(12), ["Mira Sorvino"]);
    assert_eq!(speakers_of(14), ["Ilias Chatzis"]);
}

#[test]
fn a_surname_alone_is_the_person_named_in_full_elsewhere() {
    assert_eq!(speakers_of(8), ["Siobhán Mullally"], "« Mme Mullally a même choisi »");
}

#[test]
fn a_paragraph_that_carries_on_belongs_to_the_previous_speaker() {
    assert_eq!(speakers_of(9), ["Siobhán Mullally"], "« Elle a, de plus, appelé »");
    assert_eq!(speakers_of(13), ["Mira Sorvino"], "« L’ancienne Ambassadrice … a plaidé »");
}

#[test]
fn delegations_speak_with_their_articles_and_elisions() {
    assert_eq!(speakers_of(15)[0], "Lituanie");
    assert_eq!(speakers_of(16), ["Israël", "Haïti"]);
    assert!(speakers_of(5).contains(&"Union européenne".to_string()));
    let r = record();
    assert_eq!(r.passages[14].speakers[0].kind, SpeakerKind::Delegation);
}

#[test]
fn organizations_speak_through_their_acronym() {
    assert_eq!(speakers_of(30)[0], "Organisation internationale pour les migrations (OIM)");
}

#[test]
fn narration_has_no_speaker() {
    assert!(speakers_of(1).is_empty());
    assert!(speakers_of(18).is_empty(), "« La discussion s’est poursuivie »");
}
