using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Kingsnake.Reporting.Tests;

/// <summary>Reads Markdown back with Markdig (CommonMark + GFM pipe tables) to judge what a reader would see.</summary>
internal static class MarkdownInspection
{
    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .Build();

    public static MarkdownDocument Parse(string markdown) => Markdig.Markdown.Parse(markdown, Pipeline);

    public static List<Table> Tables(MarkdownDocument document) => [.. document.Descendants<Table>()];

    public static List<List<TableCell>> Rows(Table table) =>
        [.. table.OfType<TableRow>().Select(row => row.OfType<TableCell>().ToList())];

    /// <summary>The text a reader sees in a cell: literals, code and entities, with line breaks as spaces.</summary>
    public static string Text(TableCell cell)
    {
        var builder = new StringBuilder();
        foreach (var paragraph in cell.Descendants<ParagraphBlock>())
        {
            if (paragraph.Inline is { } inline)
            {
                AppendText(inline, builder);
            }
        }

        return builder.ToString();
    }

    public static string Text(ContainerInline inline)
    {
        var builder = new StringBuilder();
        AppendText(inline, builder);
        return builder.ToString();
    }

    private static void AppendText(ContainerInline container, StringBuilder builder)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.ToString());
                    break;
                case LineBreakInline:
                    builder.Append(' ');
                    break;
                case HtmlInline html when html.Tag.StartsWith("<br", StringComparison.Ordinal):
                    builder.Append('\n');
                    break;
                case ContainerInline nested:
                    AppendText(nested, builder);
                    break;
            }
        }
    }

    /// <summary>Inlines that would change what a reader sees: raw HTML (other than our own br), links, emphasis.</summary>
    public static List<Inline> Interpreted(TableCell cell) =>
        [.. cell.Descendants<Inline>().Where(i =>
            (i is HtmlInline html && html.Tag is not ("<br>" or "<code>" or "</code>"))
            || i is LinkInline || i is EmphasisInline || i is AutolinkInline)];
}
