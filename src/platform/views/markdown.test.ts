import { describe, expect, it } from 'vitest';
import { inlinePlain, markdownToHtml, markdownToPlain, parseBlocks } from './markdown.js';

describe('the safe Markdown subset of minute notes', () => {
  it('renders paragraphs, line breaks, lists, emphasis and links', () => {
    const html = markdownToHtml('Första raden\nandra raden\n\n- ett\n- två\n\n1. *har en psykisk störning,*\n2. **allvarlig** sjukdom\n\nSe [överenskommelsen](https://example.org/ok?a=1&b=2).');
    expect(html).toBe(
      [
        '<p>Första raden<br>andra raden</p>',
        '<ul><li>ett</li><li>två</li></ul>',
        '<ol><li><em>har en psykisk störning,</em></li><li><strong>allvarlig</strong> sjukdom</li></ol>',
        '<p>Se <a href="https://example.org/ok?a=1&amp;b=2" rel="nofollow noopener noreferrer">överenskommelsen</a>.</p>',
      ].join('\n'),
    );
  });

  it('lets no HTML through: tags, attributes, scripts and other link schemes are text', () => {
    const attacks = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[klicka](javascript:alert(1))',
      '[klicka](data:text/html;base64,PHNjcmlwdD4=)',
      '**<b onmouseover="x">fet</b>**',
      '[a](https://example.org/"onmouseover="alert(1))',
      '<a href="https://example.org">länk</a>',
    ];
    for (const a of attacks) {
      const tags = markdownToHtml(a).match(/<[^>]*>/g) ?? [];
      for (const tag of tags) expect(tag, a).toMatch(/^(<\/?(p|br|ul|ol|li|em|strong)>|<a href="https?:[^"<>]*" rel="nofollow noopener noreferrer">|<\/a>)$/);
    }
    expect(markdownToHtml('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(markdownToHtml('[klicka](javascript:alert(1))')).toBe('<p>[klicka](javascript:alert(1))</p>');
  });

  it('keeps snake_case and arithmetic as they are', () => {
    expect(markdownToHtml('case_id och 2 * 3 * 4')).toBe('<p>case_id och 2 * 3 * 4</p>');
  });

  it('gives plain text for documents', () => {
    expect(inlinePlain('Se **fet** och *kursiv* [text](https://example.org)')).toBe('Se fet och kursiv text (https://example.org)');
    expect(markdownToPlain('- *ett*\n- två')).toEqual([{ type: 'list', ordered: false, items: ['ett', 'två'] }]);
    expect(parseBlocks('Rad\n\n\n')).toEqual([{ type: 'paragraph', lines: ['Rad'] }]);
  });
});
