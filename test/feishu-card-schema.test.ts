import { describe, expect, it } from 'vitest';
import { validateCardV2 } from '../src/platforms/feishu/card-schema.js';

type Json = Record<string, unknown>;

const md = (content: string): Json => ({ tag: 'markdown', content });

/** A card using most of what we model: header, markdown, hr, column_set, button, div, panel. */
function fullCard(): Json {
  return {
    schema: '2.0',
    config: {
      update_multi: true,
      enable_forward: true,
      width_mode: 'fill',
      streaming_mode: false,
      summary: { content: '答案', i18n_content: { en_us: 'Answer' } },
      locales: ['zh_cn', 'en_us'],
      style: { text_size: { 'cus-0': { default: 'medium', pc: 'medium', mobile: 'large' } } },
    },
    card_link: { url: 'https://example.com' },
    header: {
      title: { tag: 'plain_text', content: '枣庄市卫生健康' },
      subtitle: { tag: 'lark_md', content: '**2023** 年报' },
      text_tag_list: [{ tag: 'text_tag', text: { tag: 'plain_text', content: '高置信' }, color: 'green' }],
      template: 'blue',
      icon: { tag: 'standard_icon', token: 'chat-forbidden_outlined', color: 'orange' },
      padding: '12px 8px 12px 8px',
    },
    body: {
      direction: 'vertical',
      padding: '12px',
      vertical_spacing: 'medium',
      horizontal_align: 'left',
      elements: [
        { tag: 'markdown', content: '**医疗卫生机构** 2702 个', text_size: 'heading', text_align: 'left', element_id: 'answer_1', margin: '0px 0px 4px 0px' },
        { tag: 'hr' },
        {
          tag: 'column_set',
          flex_mode: 'bisect',
          horizontal_spacing: '8px',
          background_style: 'grey',
          columns: [
            {
              tag: 'column',
              width: 'weighted',
              weight: 1,
              vertical_align: 'top',
              elements: [{ tag: 'markdown', content: '来源', text_size: 'cus-0' }],
            },
            {
              tag: 'column',
              width: 'auto',
              elements: [
                {
                  tag: 'button',
                  type: 'primary_filled',
                  size: 'small',
                  width: 'default',
                  text: { tag: 'plain_text', content: '查看原文' },
                  behaviors: [
                    { type: 'open_url', default_url: 'https://example.com/doc', pc_url: 'https://example.com/pc' },
                    { type: 'callback', value: { action: 'source', file: 'a.md' } },
                  ],
                  confirm: { title: { tag: 'plain_text', content: '确认' }, text: { tag: 'plain_text', content: '打开原文？' } },
                },
              ],
            },
          ],
        },
        {
          tag: 'div',
          text: { tag: 'plain_text', content: '辅助说明', text_size: 'notation', text_color: 'grey', lines: 2 },
          fields: [{ is_short: true, text: { tag: 'lark_md', content: '**床位** 25970' } }],
        },
        {
          tag: 'collapsible_panel',
          expanded: false,
          header: { title: { tag: 'markdown', content: '**原文**' }, icon: { tag: 'standard_icon', token: 'down-small-ccm_outlined', size: '16px 16px' }, icon_position: 'right', icon_expanded_angle: -180 },
          border: { color: 'grey', corner_radius: '5px' },
          elements: [md('很长的原文')],
        },
        { tag: 'img', img_key: 'img_v3_xxx' }, // a 2.0 component we do not model is let through
      ],
    },
  };
}

const minimal = (...elements: Json[]): Json => ({ schema: '2.0', body: { elements } });

describe('validateCardV2: valid cards', () => {
  it.each<[string, unknown]>([
    ['full card', fullCard()],
    ['schema only', { schema: '2.0' }],
    ['one markdown', minimal(md('hello'))],
    ['header without body', { schema: '2.0', header: { title: { tag: 'plain_text', content: 't' } } }],
    ['card_link with all platform urls', { schema: '2.0', card_link: { pc_url: 'a', ios_url: 'b', android_url: 'c' } }],
    ['button without behaviors', minimal({ tag: 'button', text: { tag: 'plain_text', content: 'ok' } })],
    ['nested column_set', minimal({ tag: 'column_set', columns: [{ tag: 'column', elements: [{ tag: 'column_set', columns: [{ tag: 'column', elements: [md('deep')] }] }] }] })],
  ])('%s', (_name, card) => {
    expect(validateCardV2(card)).toEqual([]);
  });
});

describe('validateCardV2: invalid cards', () => {
  const withFull = (edit: (c: Json) => void): Json => {
    const c = fullCard();
    edit(c);
    return c;
  };
  const body = (c: Json) => c.body as { elements: Json[] };

  it.each<[string, unknown, string]>([
    // wrong schema / not an object
    ['not an object', 'card', '(card): expected object, got string'],
    ['schema missing', { body: { elements: [] } }, 'schema: required property missing'],
    ['schema 1.0', { schema: '1.0' }, 'schema: expected "2.0", got "1.0"'],
    // unknown property at each level
    ['unknown top-level property', { schema: '2.0', foo: 1 }, 'foo: unknown property'],
    ['unknown config property', { schema: '2.0', config: { wide_screen_mode: true } }, 'config.wide_screen_mode: unknown property'],
    ['unknown header property', { schema: '2.0', header: { title: { tag: 'plain_text', content: 't' }, color: 'red' } }, 'header.color: unknown property'],
    ['unknown title property', { schema: '2.0', header: { title: { tag: 'plain_text', content: 't', bold: true } } }, 'header.title.bold: unknown property'],
    ['unknown body property', { schema: '2.0', body: { elements: [], gap: '4px' } }, 'body.gap: unknown property'],
    ['unknown markdown property', minimal({ tag: 'markdown', content: 'x', href: {} }), 'body.elements[0].href: removed in card JSON 2.0; use <link> in content'],
    ['unknown column property', withFull((c) => ((body(c).elements[2]!.columns as Json[])[0]!.color = 'red')), 'body.elements[2].columns[0].color: unknown property'],
    ['unknown property inside a column', withFull((c) => ((((body(c).elements[2]!.columns as Json[])[0]!.elements as Json[])[0]!).extra = 1)), 'body.elements[2].columns[0].elements[0].extra: unknown property'],
    // card JSON 1.0 leftovers
    ['top-level elements', { schema: '2.0', elements: [] }, 'elements: card JSON 1.0 property; put components in body.elements'],
    ['top-level i18n_elements', { schema: '2.0', i18n_elements: {} }, 'i18n_elements: card JSON 1.0 property; use i18n_content on components'],
    ['note element', minimal({ tag: 'note', elements: [] }), 'body.elements[0].tag: the note component is card JSON 1.0 only; use a div with text_size "notation"'],
    ['action element', minimal({ tag: 'action', actions: [] }), 'body.elements[0].tag: the action module is card JSON 1.0 only; put buttons directly in elements'],
    ['unknown component', minimal({ tag: 'carousel' }), 'body.elements[0].tag: unknown component "carousel"'],
    ['element without tag', minimal({ content: 'x' }), 'body.elements[0].tag: required property missing'],
    // enumerated values
    ['bad template colour', withFull((c) => ((c.header as Json).template = 'pink')), 'header.template: unknown value "pink"'],
    ['bad text_tag colour', { schema: '2.0', header: { title: { tag: 'plain_text', content: 't' }, text_tag_list: [{ tag: 'text_tag', color: 'black' }] } }, 'header.text_tag_list[0].color: unknown value "black"'],
    ['bad text_size', withFull((c) => (body(c).elements[2] = { tag: 'markdown', content: 'x', text_size: 'huge' })), 'body.elements[2].text_size: unknown value "huge"'],
    ['bad width_mode', { schema: '2.0', config: { width_mode: 'wide' } }, 'config.width_mode: unknown value "wide"'],
    ['update_multi false', { schema: '2.0', config: { update_multi: false } }, 'config.update_multi: expected true, got false'],
    ['bad button type', minimal({ tag: 'button', type: 'secondary' }), 'body.elements[0].type: unknown value "secondary"'],
    ['bad padding', { schema: '2.0', body: { padding: 'wide' } }, 'body.padding: invalid value "wide"'],
    ['bad column weight', minimal({ tag: 'column_set', columns: [{ tag: 'column', width: 'weighted', weight: 9 }] }), 'body.elements[0].columns[0].weight: invalid value 9'],
    ['button text not plain_text', minimal({ tag: 'button', text: { tag: 'lark_md', content: 'x' } }), 'body.elements[0].text.tag: expected "plain_text", got "lark_md"'],
    // required properties
    ['markdown without content', minimal({ tag: 'markdown' }), 'body.elements[0].content: required property missing'],
    ['header without title', { schema: '2.0', header: { template: 'blue' } }, 'header.title: required property missing'],
    ['column_set without columns', minimal({ tag: 'column_set' }), 'body.elements[0].columns: required property missing'],
    ['collapsible_panel without header', minimal({ tag: 'collapsible_panel', elements: [] }), 'body.elements[0].header: required property missing'],
    ['card_link with only pc_url', { schema: '2.0', card_link: { pc_url: 'a' } }, 'card_link: needs url, or all of pc_url, ios_url and android_url'],
    // malformed button behaviors
    ['behaviors not an array', minimal({ tag: 'button', behaviors: { type: 'open_url' } }), 'body.elements[0].behaviors: expected array, got object'],
    ['open_url without default_url', minimal({ tag: 'button', behaviors: [{ type: 'open_url', pc_url: 'x' }] }), 'body.elements[0].behaviors[0].default_url: required property missing'],
    ['open_url with 1.0 url', minimal({ tag: 'button', behaviors: [{ type: 'open_url', default_url: 'x', url: 'y' }] }), 'body.elements[0].behaviors[0].url: unknown property'],
    ['callback value not an object', minimal({ tag: 'button', behaviors: [{ type: 'callback', value: 'go' }] }), 'body.elements[0].behaviors[0].value: expected object, got string'],
    ['unknown behavior type', minimal({ tag: 'button', behaviors: [{ type: 'jump' }] }), 'body.elements[0].behaviors[0].type: unknown behavior type "jump"'],
    // wrong types
    ['elements not an array', { schema: '2.0', body: { elements: {} } }, 'body.elements: expected array, got object'],
    ['markdown content a number', minimal({ tag: 'markdown', content: 42 }), 'body.elements[0].content: expected string, got number'],
    ['disabled a string', minimal({ tag: 'button', disabled: 'yes' }), 'body.elements[0].disabled: expected boolean, got string'],
    ['streaming_mode a string', { schema: '2.0', config: { streaming_mode: 'true' } }, 'config.streaming_mode: expected boolean, got string'],
    ['i18n_content with an unknown locale', minimal({ tag: 'markdown', content: 'x', i18n_content: { xx_yy: 'x' } }), 'body.elements[0].i18n_content.xx_yy: unknown key'],
    // element_id rules
    ['element_id starting with a digit', minimal({ tag: 'hr', element_id: '1abc' }), 'body.elements[0].element_id: invalid value "1abc"'],
    ['duplicate element_id', minimal({ tag: 'hr', element_id: 'a1' }, { tag: 'hr', element_id: 'a1' }), 'body.elements[1].element_id: duplicate element_id "a1"'],
  ])('%s', (_name, card, expected) => {
    expect(validateCardV2(card)).toEqual([expected]);
  });

  it('reports every problem, not just the first', () => {
    const errors = validateCardV2({ schema: '2.0', elements: [], header: { template: 'pink' }, body: { elements: [{ tag: 'note' }, { tag: 'markdown' }] } });
    expect(errors).toHaveLength(5);
    expect(errors.map((e) => e.slice(0, e.indexOf(':')))).toEqual(['header.title', 'header.template', 'body.elements[0].tag', 'body.elements[1].content', 'elements']);
  });
});
