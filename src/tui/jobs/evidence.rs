//! What a survey of past pairs says about each criterion, off the UI thread: the survey is read
//! afresh (it may have been added or corrected since the last look; see `dyad::pool::Survey`)
//! and each criterion and weight-free measure related to each outcome under the current
//! profile's criterion parameters (`dyad::analysis::evidence`, what `dyad evidence` prints, with
//! its default seed). The tests take a moment on a large survey, so this runs on a thread of
//! its own, newest request only; the same survey under the same parameters is not worked out
//! twice.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;

use dyad::analysis::evidence::{self, Evidence};
use dyad::criteria::Params;
use dyad::matching::engine::Evaluation;
use dyad::pool::{Outcomes, Survey};

/// A survey to read and relate to the criteria of the current results.
#[derive(Clone)]
pub struct Ask {
    /// Tells the answer to this request from answers to older ones.
    pub id: u64,
    pub survey: Survey,
    /// The current results: their pool, specialty families and the score table of the current
    /// criterion parameters.
    pub ev: Arc<Evaluation>,
}

/// Two requests are the same when they ask about the very same results.
impl PartialEq for Ask {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.survey == other.survey && Arc::ptr_eq(&self.ev, &other.ev)
    }
}

impl std::fmt::Debug for Ask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ask")
            .field("id", &self.id)
            .field("survey", &self.survey)
            .field("params", &self.ev.profile.params)
            .finish_non_exhaustive()
    }
}

/// What was found.
#[derive(Debug, Clone)]
pub enum Found {
    /// No survey yet; where one goes (`None`: nowhere, which the built-in sample never is).
    NoSurvey(Option<PathBuf>),
    /// The survey's file (as messages name it) and its evidence.
    Evidence {
        file: String,
        evidence: Arc<Evidence>,
    },
}

/// The answer to request `id`: what was found, or the one-line error about the survey's file
/// (file, line, column; never an answer's value).
#[derive(Debug, Clone)]
pub struct Answer {
    pub id: u64,
    pub found: Result<Found, String>,
}

/// The last evidence worked out, and what it was worked out from.
#[derive(Default)]
pub struct Examiner {
    last: Option<(Outcomes, String, Params, Arc<Evidence>)>,
}

impl Examiner {
    pub fn answer(&mut self, ask: Ask) -> Answer {
        let ev = &ask.ev;
        let params = &ev.profile.params;
        let found = match ask.survey.load(&ev.pool) {
            Err(e) => Err(e.to_string()),
            Ok(None) => Ok(Found::NoSurvey(ask.survey.wanted().map(PathBuf::from))),
            Ok(Some((outcomes, file))) => {
                let evidence = match &self.last {
                    Some((o, f, p, e)) if *o == outcomes && *f == file && p == params => e.clone(),
                    _ => {
                        let measures = evidence::measure_columns(&ev.pool, &ev.families, &outcomes);
                        let e = Arc::new(evidence::evidence(
                            &ev.table,
                            &outcomes,
                            &measures,
                            evidence::DEFAULT_SEED,
                        ));
                        self.last = Some((outcomes, file.clone(), *params, e.clone()));
                        e
                    }
                };
                Ok(Found::Evidence { file, evidence })
            }
        };
        Answer { id: ask.id, found }
    }
}

/// Starts the examiner's thread: send requests into the returned channel; each answer is passed
/// to `deliver`. The thread ends when the sender is dropped or `deliver` returns false.
pub fn spawn(deliver: impl Fn(Answer) -> bool + Send + 'static) -> Sender<Ask> {
    let mut examiner = Examiner::default();
    crate::tui::jobs::latest::spawn("evidence", move |ask| examiner.answer(ask), deliver)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad::embedded;
    use dyad::matching::engine::Engine;

    fn results(proximity_km: f64) -> Arc<Evaluation> {
        let mut e = Engine::new(
            embedded::sample_pool(),
            dyad::criteria::specialty::builtin().clone(),
        );
        let mut p = embedded::fall_profile();
        p.params.proximity_max_km = proximity_km;
        Arc::new(e.evaluate(&p).unwrap())
    }

    #[test]
    fn the_built_in_survey_gives_the_evidence_of_dyad_evidence() {
        let ev = results(embedded::fall_profile().params.proximity_max_km);
        let a = Examiner::default().answer(Ask {
            id: 4,
            survey: Survey::BuiltIn,
            ev: ev.clone(),
        });
        assert_eq!(a.id, 4);
        let Ok(Found::Evidence { file, evidence: e }) = a.found else {
            panic!("{:?}", a.found)
        };
        assert_eq!(file, dyad::pool::survey::BUILT_IN);
        // As the command line computes it.
        let (outcomes, _) = Survey::BuiltIn.load(&ev.pool).unwrap().unwrap();
        let measures = evidence::measure_columns(&ev.pool, &ev.families, &outcomes);
        let want = evidence::evidence(&ev.table, &outcomes, &measures, evidence::DEFAULT_SEED);
        assert_eq!(*e, want);
    }

    #[test]
    fn no_file_says_where_one_goes_and_a_bad_one_gives_its_error() {
        let dir = tempfile::tempdir().unwrap();
        let survey = Survey::beside(dir.path(), None);
        let ev = results(80.0);
        let mut x = Examiner::default();
        let ask = |id| Ask {
            id,
            survey: survey.clone(),
            ev: ev.clone(),
        };
        let Ok(Found::NoSurvey(Some(path))) = x.answer(ask(1)).found else {
            panic!("no survey")
        };
        assert_eq!(path, dir.path().join("outcomes.csv"));
        std::fs::write(&path, "mentee,mentor,met\nME-002,MR-015,perhaps\n").unwrap();
        let Err(e) = x.answer(ask(2)).found else {
            panic!("an error")
        };
        assert!(e.contains("outcomes.csv:2:3"), "{e}");
        assert!(!e.contains("perhaps"), "never an answer's value: {e}");
    }

    #[test]
    fn the_same_survey_and_parameters_are_not_worked_out_twice() {
        let mut x = Examiner::default();
        let evidence_of = |a: Answer| match a.found {
            Ok(Found::Evidence { evidence, .. }) => evidence,
            other => panic!("{other:?}"),
        };
        let ask = |id, km| Ask {
            id,
            survey: Survey::BuiltIn,
            ev: results(km),
        };
        let a = evidence_of(x.answer(ask(1, 80.0)));
        let b = evidence_of(x.answer(ask(2, 80.0)));
        assert!(Arc::ptr_eq(&a, &b));
        let c = evidence_of(x.answer(ask(3, 30.0)));
        assert!(!Arc::ptr_eq(&a, &c));
    }
}
