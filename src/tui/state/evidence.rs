//! The evidence view: what the survey of past pairs says about each criterion, under the current
//! profile's criterion parameters. The survey is read afresh each time the view opens (so a
//! file added or corrected meanwhile is taken) and worked out again when the criterion
//! parameters of the results change; a change of weights alone changes nothing but the weights
//! shown beside the figures.

use std::sync::Arc;

use dyad::analysis::evidence::{Evidence, OutcomeEvidence};
use dyad::criteria::Params;
use dyad::pool::Survey;

use crate::tui::jobs::evidence::{Answer, Ask, Found};
use crate::tui::jobs::solve::Results;

#[derive(Debug, Clone)]
pub struct EvidenceView {
    /// Where the survey is looked for.
    pub survey: Survey,
    /// The newest request, and the criterion parameters it was made under (`None` while the
    /// view waits for results to ask about).
    pub asked: u64,
    pub params: Option<Params>,
    /// The answer to the newest request, once it came.
    pub answer: Option<Answer>,
    /// The outcome shown (kept between openings).
    pub outcome: usize,
}

impl EvidenceView {
    pub fn new(survey: Survey) -> EvidenceView {
        EvidenceView {
            survey,
            asked: 0,
            params: None,
            answer: None,
            outcome: 0,
        }
    }

    /// The view opens: the survey is read afresh, under the parameters of `results` (or of the
    /// first results to come).
    pub fn open(&mut self, results: Option<&Results>) -> Option<Ask> {
        self.asked += 1;
        self.params = None;
        results.map(|r| self.ask(r))
    }

    fn ask(&mut self, r: &Results) -> Ask {
        self.asked += 1;
        self.params = Some(r.current.profile.params);
        Ask {
            id: self.asked,
            survey: self.survey.clone(),
            ev: Arc::clone(&r.current),
        }
    }

    /// New results while the view is open: asks again only when their criterion parameters
    /// differ from those asked about.
    pub fn follow(&mut self, now: &Results) -> Option<Ask> {
        if self.params.as_ref() == Some(&now.current.profile.params) {
            return None;
        }
        Some(self.ask(now))
    }

    /// Keeps the answer to the newest request; drops older ones.
    pub fn accept(&mut self, a: Answer) {
        if a.id == self.asked {
            self.answer = Some(a);
        }
    }

    /// What to show: the answer to the newest request; `None` while it is being worked out.
    pub fn shown(&self) -> Option<&Result<Found, String>> {
        self.answer
            .as_ref()
            .filter(|a| a.id == self.asked)
            .map(|a| &a.found)
    }

    /// The survey's evidence, when that is what is shown.
    pub fn evidence(&self) -> Option<&Evidence> {
        match self.shown() {
            Some(Ok(Found::Evidence { evidence, .. })) => Some(evidence),
            _ => None,
        }
    }

    /// The outcome shown, when there is evidence.
    pub fn selected(&self) -> Option<&OutcomeEvidence> {
        let e = self.evidence()?;
        e.outcomes
            .get(self.outcome.min(e.outcomes.len().saturating_sub(1)))
    }

    /// Moves to the next (or previous) outcome, round the end.
    pub fn switch(&mut self, forward: bool) {
        let n = self.evidence().map_or(0, |e| e.outcomes.len());
        if n == 0 {
            return;
        }
        let at = self.outcome.min(n - 1);
        self.outcome = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
    }
}
