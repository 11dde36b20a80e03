using Kingsnake.Core.Findings;
using Kingsnake.Workflows.Model;

namespace Kingsnake.Workflows.Tests.Model;

public sealed class WorkflowFileTests
{
    private const string Release = """
        name: Release
        on:
          push:
            tags: ["v*"]
            branches: [main]
          workflow_dispatch:
            inputs:
              dry-run:
                type: boolean
              note:
                type: string
        permissions:
          contents: read
        env:
          PYTHONUNBUFFERED: "1"
        concurrency: release
        jobs:
          build:
            runs-on: ubuntu-latest
            container:
              image: python:3.12
              credentials:
                username: bot
                password: ${{ secrets.REGISTRY_PASSWORD }}
            services:
              redis:
                image: redis:7
            permissions:
              id-token: write
            steps:
              - uses: actions/checkout@v4
                with:
                  persist-credentials: false
              - name: Build
                id: build
                run: |
                  python -m build
                shell: bash
                env:
                  NOTE: ${{ inputs.note }}
          call:
            needs: [build]
            uses: octo/workflows/.github/workflows/publish.yml@v1
            with:
              dist: dist
            secrets: inherit
        """;

    [Fact]
    public void Reads_triggers_permissions_env_and_jobs()
    {
        var workflow = WorkflowFile.Parse(".github/workflows/release.yml", Release);
        Assert.Equal("Release", workflow.Name!.Value);
        Assert.Equal(["push", "workflow_dispatch"], workflow.Triggers.Select(t => t.Name));
        Assert.Equal(["v*"], workflow.GetTrigger("push")!.Tags);
        Assert.Equal(["main"], workflow.GetTrigger("push")!.Branches);
        var inputs = workflow.GetTrigger("workflow_dispatch")!.Inputs;
        Assert.Equal([("dry-run", true), ("note", false)], inputs.Select(i => (i.Name, i.IsConstrained)));
        Assert.Equal(PermissionsKind.Explicit, workflow.Permissions!.Kind);
        Assert.Equal(("contents", "read"), (workflow.Permissions.Scopes[0].Name, workflow.Permissions.Scopes[0].Level));
        Assert.NotNull(workflow.Env!.Get("PYTHONUNBUFFERED"));
        Assert.Equal(2, workflow.Jobs.Count);

        var build = Assert.IsType<NormalJob>(workflow.Jobs[0]);
        Assert.Equal("python:3.12", build.Container!.Image!.Value);
        Assert.Equal("${{ secrets.REGISTRY_PASSWORD }}", build.Container.Password!.Value);
        Assert.Equal("redis", build.Services[0].ServiceName);
        Assert.True(build.Permissions!.Scopes[0].IsWrite);
        Assert.Equal(2, build.Steps.Count);
        Assert.True(build.Steps[0].Uses!.Is("actions/checkout"));
        Assert.Equal("false", build.Steps[0].Input("persist-credentials")!.Value);
        Assert.Equal("python -m build\n", build.Steps[1].Run!.Value);
        Assert.Equal(("build", "bash"), (build.Steps[1].Id!, build.Steps[1].Shell!));
        Assert.Equal(36, build.Steps[1].Run!.Start.Line);

        var call = Assert.IsType<ReusableWorkflowCallJob>(workflow.Jobs[1]);
        Assert.True(call.InheritsSecrets);
        Assert.True(call.Uses.IsReusableWorkflow);
        Assert.Equal(["build"], call.Needs);
        Assert.Equal(46, call.SecretsKey!.Start.Line);
    }

    [Theory]
    [InlineData("on: push\njobs: {}\n", new[] { "push" })]
    [InlineData("on: [push, pull_request_target]\njobs: {}\n", new[] { "push", "pull_request_target" })]
    [InlineData("\"on\":\n  schedule:\n    - cron: '0 0 * * *'\n  workflow_run:\n    workflows: [CI]\njobs: {}\n", new[] { "schedule", "workflow_run" })]
    public void On_in_every_form(string text, string[] expected)
    {
        var workflow = WorkflowFile.Parse("w.yml", text);
        Assert.Equal(expected, workflow.Triggers.Select(t => t.Name));
    }

    [Theory]
    [InlineData("permissions: read-all\non: push\njobs: {}\n", PermissionsKind.ReadAll)]
    [InlineData("permissions: write-all\non: push\njobs: {}\n", PermissionsKind.WriteAll)]
    [InlineData("permissions: {}\non: push\njobs: {}\n", PermissionsKind.Explicit)]
    public void Permission_forms(string text, PermissionsKind kind)
    {
        Assert.Equal(kind, WorkflowFile.Parse("w.yml", text).Permissions!.Kind);
    }

    [Theory]
    [InlineData("- a\n- b\n", 1)]
    [InlineData("on: push\njobs:\n  a: 3\n", 3)]
    [InlineData("on: push\njobs:\n  a:\n    runs-on: x\n    steps: run\n", 5)]
    [InlineData("on: push\njobs:\n  a:\n    steps:\n      - just text\n", 5)]
    [InlineData("", 0)]
    public void Wrong_shapes_are_input_errors_with_a_line(string text, int line)
    {
        var ex = Assert.Throws<InputFormatException>(() => WorkflowFile.Parse("w.yml", text));
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void Composite_action()
    {
        var action = ActionFile.Parse("action.yml", """
            name: Setup
            inputs:
              version:
                default: "3.12"
            runs:
              using: composite
              steps:
                - uses: actions/setup-python@v5
                - run: echo "${{ inputs.version }}"
                  shell: bash
            """);
        Assert.Equal(ActionKind.Composite, action.Kind);
        Assert.Equal(2, action.Steps.Count);
        Assert.Equal("version", action.Inputs[0].Name);
        Assert.Equal(ActionKind.Docker, ActionFile.Parse("action.yml", "runs:\n  using: docker\n  image: Dockerfile\n").Kind);
        Assert.Equal(ActionKind.JavaScript, ActionFile.Parse("action.yml", "runs:\n  using: node20\n  main: index.js\n").Kind);
    }
}
