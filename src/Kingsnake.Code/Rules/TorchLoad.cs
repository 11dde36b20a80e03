using Kingsnake.Code.Engine;
using Kingsnake.Code.Rules.Support;
using Kingsnake.Core.Findings;
using Kingsnake.Core.Rules;
using Kingsnake.Python.Ast;

namespace Kingsnake.Code.Rules;

/// <summary>B614: <c>torch.load</c> unpickles the file unless told to load weights only.</summary>
public sealed class TorchLoad : CallRule
{
    public override Rule Descriptor { get; } = Describe(
        "PY614", "torch-load", "torch.load without weights_only=True", Severity.Medium, Confidence.High, 502, "B614", null, """
        `torch.load` reads checkpoints with pickle: a model file from an untrusted source can run code when loaded.
        PyTorch 2.6 made `weights_only=True` the default, but code that may run on older versions, or that passes
        `weights_only=False`, is exposed.

        **Fix:** `torch.load(path, weights_only=True)`, or store weights as safetensors.

        **Differs from Bandit:** the call must resolve to `torch.load` or `torch.serialization.load` (Bandit accepts
        any dotted name containing `torch` and ending in `load`).
        """);

    public override string BanditId => "B614";

    public override string BanditName => "pytorch_load";

    protected override void CheckCall(Call call, string? qualifiedName, FileContext context)
    {
        bool isLoad;
        if (context.BanditCompatible)
        {
            var name = qualifiedName ?? Literals.DottedText(call.Func);
            isLoad = name is not null && context.ImportedNames.Contains("torch") && name.Contains("torch", StringComparison.Ordinal) && name.EndsWith(".load", StringComparison.Ordinal);
        }
        else
        {
            isLoad = qualifiedName is "torch.load" or "torch.serialization.load";
        }

        if (isLoad && Literals.KeywordArgument(call, "weights_only")?.Value is not Constant { Value.Kind: ConstantKind.True } and var weightsOnly)
        {
            var name = qualifiedName ?? Literals.DottedText(call.Func) ?? "torch.load";
            var setting = weightsOnly is null ? "without weights_only=True" : $"with weights_only={MessageText.Excerpt(context, weightsOnly, 30)}";
            context.Report(this, call, $"{name} {setting} unpickles the checkpoint; a crafted model file runs code when loaded");
        }
    }
}
