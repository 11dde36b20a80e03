using Kingsnake.Posture.Checks.Python;
using Kingsnake.Posture.Scoring;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Posture.Checks.Scorecard;

/// <summary>
/// Scorecard's CI-Tests asks whether recently merged pull requests passed CI: it reads their commit statuses and check
/// runs through the API (<c>probes/testsRunInCI</c>), which a checkout does not record. Offline, the question becomes
/// whether the project's CI is set up to test pull requests at all: a workflow triggered by <c>pull_request</c> (or
/// <c>merge_group</c>) with a step that runs tests — pytest, tox, nox, unittest, <c>make test|check</c>, hatch, or
/// those through <c>uv run</c>, <c>poetry run</c>, <c>pdm run</c> — or another CI's configuration (GitLab CI, CircleCI,
/// Travis, Azure Pipelines) that runs them. 10 when there is one, else 0; the reason says this is the configuration,
/// not the record of runs.
/// </summary>
public sealed class CiTestsCheck : IPostureCheck
{
    private static readonly string[] TestPrograms = ["pytest", "py.test", "tox", "nox", "unittest", "coverage"];

    private static readonly string[] OtherCi = [".gitlab-ci.yml", ".circleci/config.yml", ".travis.yml", "azure-pipelines.yml"];

    public string Name => "CI-Tests";

    public CheckRisk Risk => CheckRisk.Low;

    public CheckOrigin Origin => CheckOrigin.Scorecard;

    public string Description => "Pull requests are tested by CI before they are merged.";

    public CheckResult Run(PostureContext context)
    {
        var evidence = new List<CheckEvidence>();
        foreach (var workflow in context.Workflows)
        {
            if (workflow.File is not { } file || !(file.HasTrigger("pull_request") || file.HasTrigger("merge_group")))
            {
                continue;
            }

            foreach (var job in file.Jobs.OfType<NormalJob>())
            {
                if (job.Steps.FirstOrDefault(RunsTests) is { } step)
                {
                    evidence.Add(new CheckEvidence($"job '{job.Id}' runs tests on pull requests") { Path = workflow.RelativePath, Line = step.Node.Start.Line });
                }
            }
        }

        foreach (var path in OtherCi)
        {
            if (context.ReadText(path) is { } text && TestPrograms.Any(p => text.Contains(p, StringComparison.Ordinal)))
            {
                evidence.Add(new CheckEvidence("another CI's configuration runs tests") { Path = path });
            }
        }

        const string Why = "Scorecard reads whether merged pull requests passed CI (API); offline, whether CI is set up to test them";
        return evidence.Count > 0
            ? CheckResult.Scored(this, 10, $"CI tests pull requests ({evidence.Count} job{(evidence.Count == 1 ? "" : "s")}); {Why}", null, evidence)
            : CheckResult.Scored(this, 0, $"no CI job runs tests on pull requests; {Why}",
                "add a workflow `on: pull_request` whose job runs the tests (e.g. `pip install -e .[test]` then `pytest`, or `uvx nox`), and make it a required status check");
    }

    private static bool RunsTests(Step step)
    {
        if (step.Uses is { } uses && uses.ActionName.Contains("tox", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var command in ReleaseWorkflows.Commands(step))
        {
            var words = ReleaseWorkflows.ProgramWords(command).ToList();
            // tools that run another program: uv run, poetry run, pdm run, hatch run, pipx run
            while (words.Count > 2 && words[0] is "uv" or "poetry" or "pdm" or "hatch" or "pipx" && words[1] == "run")
            {
                words.RemoveRange(0, 2);
                while (words.Count > 0 && words[0].StartsWith('-'))
                {
                    words.RemoveAt(0);
                }
            }

            if (words.Count == 0)
            {
                continue;
            }

            if (TestPrograms.Contains(words[0], StringComparer.Ordinal) || (words[0] == "make" && words.Skip(1).Any(w => w is "test" or "tests" or "check"))
                || (words[0] == "hatch" && words.Count > 1 && words[1] == "test") || words.Skip(1).Any(w => w is "test" or "tests") && words[0] is "hatch" or "pdm" or "poetry")
            {
                return true;
            }
        }

        return false;
    }
}
