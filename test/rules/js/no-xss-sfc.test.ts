import rule from '../../../src/rules/js/no-xss';
import { ruleTester } from '../../lib/rule-tester';

// Vue and Svelte templates (v-html, :innerHTML, {@html}) and Angular's bypassSecurityTrust*(): see src/rules/js/sfc-templates.ts.
ruleTester(rule, {
  valid: [
    { name: "Vue: v-html of a local constant", filename: 'Intro.vue', code: `<template>\n  <div v-html="intro"></div>\n</template>\n\n<script setup>\nconst intro = '<strong>Welcome!</strong> Read the <a href="/docs">docs</a>.';\n</script>` },
    { name: "Vue: a prop sanitized with DOMPurify in the template", filename: 'Bio.vue', code: `<template>\n  <div class="bio" v-html="DOMPurify.sanitize(props.bio)"></div>\n</template>\n\n<script setup lang="ts">\nimport DOMPurify from 'dompurify';\nconst props = defineProps<{ bio: string }>();\n</script>` },
    { name: "Vue: a prop sanitized in a computed", filename: 'Bio.vue', code: `<script setup lang="ts">\nimport { computed } from 'vue';\nimport DOMPurify from 'dompurify';\nconst props = defineProps<{ bio: string }>();\nconst safeBio = computed(() => DOMPurify.sanitize(props.bio));\n</script>\n\n<template>\n  <div v-html="safeBio"></div>\n</template>` },
    { name: "Vue: v-text and {{ }} escape the prop", filename: 'Comment.vue', code: `<template>\n  <p v-text="props.body"></p>\n  <p>{{ props.body }}</p>\n  <p :title="props.body">{{ query }}</p>\n</template>\n\n<script setup lang="ts">\nimport { useRoute } from 'vue-router';\nconst props = defineProps<{ body: string }>();\nconst query = useRoute().query.q;\n</script>` },
    { name: "Vue: commented-out v-html", filename: 'Comment.vue', code: `<template>\n  <!-- <div v-html="props.body"></div> -->\n  <p>{{ props.body }}</p>\n</template>\n\n<script setup lang="ts">\nconst props = defineProps<{ body: string }>();\n</script>` },
    { name: "Vue: a computed built from constants", filename: 'Badge.vue', code: `<template>\n  <span v-html="badge"></span>\n</template>\n\n<script setup>\nimport { computed } from 'vue';\nconst LABEL = 'New';\nconst badge = computed(() => '<b class="badge">' + LABEL + '</b>');\n</script>` },
    { name: "Vue: v-for item (the template binds it; not followed)", filename: 'List.vue', code: `<template>\n  <ul>\n    <li v-for="(item, i) in items" :key="i" v-html="item.html"></li>\n  </ul>\n</template>\n\n<script setup>\nconst items = [{ html: '<b>one</b>' }, { html: '<i>two</i>' }];\n</script>` },
    { name: "Vue: slot props named like the props object", filename: 'Wrapper.vue', code: `<template>\n  <DataTable>\n    <template #cell="props">\n      <span v-html="props.html"></span>\n    </template>\n  </DataTable>\n</template>\n\n<script setup lang="ts">\nconst props = defineProps<{ html: string }>();\n</script>` },
    { name: "Vue: i18n message and Options API constant data", filename: 'Terms.vue', code: `<template>\n  <p v-html="$t('terms.accept')"></p>\n  <div v-html="notice"></div>\n</template>\n\n<script>\nexport default {\n  data() {\n    return { notice: '<em>Maintenance tonight</em>' };\n  },\n};\n</script>` },
    { name: "Vue: a number from the route", filename: 'Pager.vue', code: `<template>\n  <span v-html="pageLabel"></span>\n</template>\n\n<script setup>\nimport { useRoute } from 'vue-router';\nconst route = useRoute();\nconst page = Number(route.query.page ?? 1);\nconst pageLabel = '<b>' + page + '</b>';\n</script>` },
    { name: "Vue: a sanitize() helper", filename: 'Note.vue', code: `<template>\n  <div v-html="sanitize(props.note)"></div>\n</template>\n\n<script setup>\nimport { sanitize } from '@/lib/html';\nconst props = defineProps(['note']);\n</script>` },
    { name: "Vue: a pug template and a custom block are not read as HTML", filename: 'Doc.vue', code: `<template lang="pug">\ndiv(v-html="props.html")\n</template>\n\n<docs>\n<div v-html="props.html"></div>\n</docs>\n\n<script setup>\nconst props = defineProps(['html']);\n</script>` },
    { name: "Vue: v-html text outside a tag", filename: 'Help.vue', code: `<template>\n  <p>Never use v-html="userInput" on user content.</p>\n</template>\n\n<script setup>\nconst props = defineProps(['userInput']);\n</script>` },
    { name: "Svelte: a prop rendered as text", filename: 'Comment.svelte', code: `<script>\n  export let body;\n</script>\n\n<p>{body}</p>\n<p title={body}>{body.length}</p>` },
    { name: "Svelte: a prop sanitized with DOMPurify", filename: 'Comment.svelte', code: `<script lang="ts">\n  import DOMPurify from 'isomorphic-dompurify';\n  export let body: string;\n</script>\n\n<div>{@html DOMPurify.sanitize(body)}</div>` },
    { name: "Svelte: constant markup and JSON-LD in svelte:head", filename: '+page.svelte', code: `<script>\n  const schema = { '@context': 'https://schema.org', '@type': 'Organization', name: 'Acme' };\n  const icon = '<svg viewBox="0 0 8 8"><path d="M0 0h8v8H0z"/></svg>';\n</script>\n\n<svelte:head>\n  {@html '<script type="application/ld+json">' + JSON.stringify(schema) + '</' + 'script>'}\n</svelte:head>\n<span>{@html icon}</span>` },
    { name: "Svelte: commented-out {@html}", filename: 'Comment.svelte', code: `<script>\n  export let body;\n</script>\n\n<!-- {@html body} -->\n<p>{body}</p>` },
    { name: "Svelte: {#each} item (the template binds it; not followed)", filename: 'List.svelte', code: `<script>\n  const items = [{ html: '<b>a</b>' }];\n</script>\n\n{#each items as item (item.html)}\n  <li>{@html item.html}</li>\n{/each}` },
    { name: "Svelte: export const of the module script is not a prop", filename: 'Logo.svelte', code: `<script context="module">\n  export const logo = '<svg></svg>';\n</script>\n\n<a href="/">{@html logo}</a>` },
    { name: "Angular: [innerHTML] of an @Input() (Angular sanitizes it)", filename: 'comment.component.ts', code: `import { Component, Input } from '@angular/core';\n\n@Component({\n  selector: 'app-comment',\n  template: \`<div class="body" [innerHTML]="body"></div>\`,\n})\nexport class CommentComponent {\n  @Input() body = '';\n}` },
    { name: "Angular: bypassSecurityTrustHtml of a constant", filename: 'icon.component.ts', code: `import { Component } from '@angular/core';\nimport { DomSanitizer } from '@angular/platform-browser';\n\nconst ICON = '<svg viewBox="0 0 8 8"></svg>';\n\n@Component({ selector: 'app-icon', template: '<span [innerHTML]="icon"></span>' })\nexport class IconComponent {\n  icon = this.sanitizer.bypassSecurityTrustHtml(ICON);\n  constructor(private sanitizer: DomSanitizer) {}\n}` },
    { name: "Angular: a resource URL whose host is fixed", filename: 'video.component.ts', code: `import { Component, Input } from '@angular/core';\nimport { DomSanitizer } from '@angular/platform-browser';\n\n@Component({ selector: 'app-video', template: '<iframe [src]="url"></iframe>' })\nexport class VideoComponent {\n  @Input() videoId = '';\n  constructor(private sanitizer: DomSanitizer) {}\n  get url() {\n    return this.sanitizer.bypassSecurityTrustResourceUrl(\`https://www.youtube.com/embed/\${this.videoId}\`);\n  }\n}` },
    { name: "Angular: an @Input() sanitized before bypass", filename: 'comment.component.ts', code: `import { Component, Input } from '@angular/core';\nimport { DomSanitizer } from '@angular/platform-browser';\nimport DOMPurify from 'dompurify';\n\n@Component({ selector: 'app-comment', template: '<div [innerHTML]="html"></div>' })\nexport class CommentComponent {\n  @Input() body = '';\n  constructor(private sanitizer: DomSanitizer) {}\n  get html() {\n    return this.sanitizer.bypassSecurityTrustHtml(DOMPurify.sanitize(this.body));\n  }\n}` },
    { name: "Angular: a private helper called with constants", filename: 'banner.component.ts', code: `import { Component } from '@angular/core';\nimport { DomSanitizer } from '@angular/platform-browser';\n\n@Component({ selector: 'app-banner', template: '<div [innerHTML]="banner"></div>' })\nexport class BannerComponent {\n  banner = this.trust('<b>Sale</b>');\n  constructor(private sanitizer: DomSanitizer) {}\n  private trust(html: string) {\n    return this.sanitizer.bypassSecurityTrustHtml(html);\n  }\n}` },
    { name: "Angular: a route param read as a number", filename: 'page.component.ts', code: `import { Component, inject } from '@angular/core';\nimport { ActivatedRoute } from '@angular/router';\nimport { DomSanitizer } from '@angular/platform-browser';\n\n@Component({ selector: 'app-page', template: '<div [innerHTML]="html"></div>' })\nexport class PageComponent {\n  private route = inject(ActivatedRoute);\n  private sanitizer = inject(DomSanitizer);\n  html = this.sanitizer.bypassSecurityTrustHtml('<b>' + Number(this.route.snapshot.paramMap.get('n')) + '</b>');\n}` },
  ],
  invalid: [
    {
      name: "Vue: v-html of props.x (script setup, defineProps<T>())",
      filename: 'UserBio.vue',
      code: `<template>\n  <div class="bio" v-html="props.bio"></div>\n</template>\n\n<script setup lang="ts">\nconst props = defineProps<{ bio: string }>();\n</script>`,
      errors: [
        {
          messageId: 'xssParam', line: 2, column: 28, endLine: 2, endColumn: 37, related: 1, severity: 'warning',
          suggestions: [
            { messageId: 'useText', output: `<template>\n  <div class="bio" v-text="props.bio"></div>\n</template>\n\n<script setup lang="ts">\nconst props = defineProps<{ bio: string }>();\n</script>` },
          ],
        },
      ],
    },
    {
      name: "Vue: v-html of a bare prop (defineProps array)",
      filename: 'Note.vue',
      code: `<template>\n  <div v-html="note"></div>\n</template>\n\n<script setup>\ndefineProps(['note']);\n</script>`,
      errors: [
        {
          messageId: 'xssParam', line: 2, column: 16, endLine: 2, endColumn: 20, related: 1, severity: 'warning',
          suggestions: [
            { messageId: 'useText', output: `<template>\n  <div v-text="note"></div>\n</template>\n\n<script setup>\ndefineProps(['note']);\n</script>` },
          ],
        },
      ],
    },
    {
      name: "Vue: destructured props with defaults",
      filename: 'Card.vue',
      code: `<script setup lang="ts">\nconst { title, body = '' } = defineProps<{ title: string; body?: string }>();\n</script>\n\n<template>\n  <h2>{{ title }}</h2>\n  <section v-html="body" />\n</template>`,
      errors: [
        {
          messageId: 'xssParam', line: 7, column: 20, endLine: 7, endColumn: 24, related: 1, severity: 'warning',
          suggestions: [
            { messageId: 'useText', output: `<script setup lang="ts">\nconst { title, body = '' } = defineProps<{ title: string; body?: string }>();\n</script>\n\n<template>\n  <h2>{{ title }}</h2>\n  <section v-text="body" />\n</template>` },
          ],
        },
      ],
    },
    {
      name: "Vue: route query (Nuxt global useRoute), DOMPurify imported",
      filename: 'search.vue',
      code: `<template>\n  <p>Results for <span v-html="term"></span></p>\n</template>\n\n<script setup lang="ts">\nimport DOMPurify from 'dompurify';\nconst route = useRoute();\nconst term = route.query.q as string;\n</script>`,
      errors: [
        {
          messageId: 'xss', line: 2, column: 32, endLine: 2, endColumn: 36, related: 1,
          suggestions: [
            { messageId: 'useText', output: `<template>\n  <p>Results for <span v-text="term"></span></p>\n</template>\n\n<script setup lang="ts">\nimport DOMPurify from 'dompurify';\nconst route = useRoute();\nconst term = route.query.q as string;\n</script>` },
            { messageId: 'sanitize', output: `<template>\n  <p>Results for <span v-html="DOMPurify.sanitize(term)"></span></p>\n</template>\n\n<script setup lang="ts">\nimport DOMPurify from 'dompurify';\nconst route = useRoute();\nconst term = route.query.q as string;\n</script>` },
          ],
        },
      ],
    },
    {
      name: "Vue: computed from the route",
      filename: 'Preview.vue',
      code: `<template>\n  <article v-html="preview"></article>\n</template>\n\n<script setup>\nimport { computed } from 'vue';\nimport { useRoute } from 'vue-router';\nimport { marked } from 'marked';\nconst route = useRoute();\nconst preview = computed(() => marked.parse(route.query.md || ''));\n</script>`,
      errors: [
        {
          messageId: 'xss', line: 2, column: 20, endLine: 2, endColumn: 27, related: 1,
          suggestions: [
            { messageId: 'useText', output: `<template>\n  <article v-text="preview"></article>\n</template>\n\n<script setup>\nimport { computed } from 'vue';\nimport { useRoute } from 'vue-router';\nimport { marked } from 'marked';\nconst route = useRoute();\nconst preview = computed(() => marked.parse(route.query.md || ''));\n</script>` },
          ],
        },
      ],
    },
    {
      name: "Vue: Options API prop and this.$route in data()",
      filename: 'Legacy.vue',
      code: `<template>\n  <div>\n    <div v-html="content"></div>\n    <div v-html="search"></div>\n  </div>\n</template>\n\n<script>\nexport default {\n  props: { content: String },\n  data() {\n    return { search: this.$route.query.s };\n  },\n};\n</script>`,
      errors: [
        {
          messageId: 'xssParam', line: 3, column: 18, endLine: 3, endColumn: 25, related: 1, severity: 'warning',
          suggestions: [
            { messageId: 'useText', output: `<template>\n  <div>\n    <div v-text="content"></div>\n    <div v-html="search"></div>\n  </div>\n</template>\n\n<script>\nexport default {\n  props: { content: String },\n  data() {\n    return { search: this.$route.query.s };\n  },\n};\n</script>` },
          ],
        },
        {
          messageId: 'xss', line: 4, column: 18, endLine: 4, endColumn: 24, related: 1,
          suggestions: [
            { messageId: 'useText', output: `<template>\n  <div>\n    <div v-html="content"></div>\n    <div v-text="search"></div>\n  </div>\n</template>\n\n<script>\nexport default {\n  props: { content: String },\n  data() {\n    return { search: this.$route.query.s };\n  },\n};\n</script>` },
          ],
        },
      ],
    },
    {
      name: "Vue: :innerHTML binding",
      filename: 'Snippet.vue',
      code: `<template>\n  <code :innerHTML="props.code"></code>\n</template>\n\n<script setup>\nconst props = defineProps({ code: String });\n</script>`,
      errors: [
        {
          messageId: 'xssParam', line: 2, column: 21, endLine: 2, endColumn: 31, related: 1, severity: 'warning',
          suggestions: [
            { messageId: 'useText', output: `<template>\n  <code :textContent="props.code"></code>\n</template>\n\n<script setup>\nconst props = defineProps({ code: String });\n</script>` },
          ],
        },
      ],
    },
    {
      name: "Svelte 4: export let",
      filename: 'Comment.svelte',
      code: `<script>\n  export let body;\n</script>\n\n<div class="comment">{@html body}</div>`,
      errors: [
        {
          messageId: 'xssParam', line: 5, column: 29, endLine: 5, endColumn: 33, related: 1, severity: 'warning',
          suggestions: [
            { messageId: 'useText', output: `<script>\n  export let body;\n</script>\n\n<div class="comment">{body}</div>` },
          ],
        },
      ],
    },
    {
      name: "Svelte 5: $props()",
      filename: 'Comment.svelte',
      code: `<script lang="ts">\n  let { body }: { body: string } = $props();\n</script>\n\n<div class="comment">{@html body}</div>`,
      errors: [
        {
          messageId: 'xssParam', line: 5, column: 29, endLine: 5, endColumn: 33, related: 1, severity: 'warning',
          suggestions: [
            { messageId: 'useText', output: `<script lang="ts">\n  let { body }: { body: string } = $props();\n</script>\n\n<div class="comment">{body}</div>` },
          ],
        },
      ],
    },
    {
      name: "Svelte: $page.url.searchParams, DOMPurify imported",
      filename: '+page.svelte',
      code: `<script>\n  import DOMPurify from 'dompurify';\n  import { page } from '$app/stores';\n  $: q = $page.url.searchParams.get('q') ?? '';\n</script>\n\n<h1>Results for {@html q}</h1>`,
      errors: [
        {
          messageId: 'xss', line: 7, column: 24, endLine: 7, endColumn: 25, related: 1,
          suggestions: [
            { messageId: 'useText', output: `<script>\n  import DOMPurify from 'dompurify';\n  import { page } from '$app/stores';\n  $: q = $page.url.searchParams.get('q') ?? '';\n</script>\n\n<h1>Results for {q}</h1>` },
            { messageId: 'sanitize', output: `<script>\n  import DOMPurify from 'dompurify';\n  import { page } from '$app/stores';\n  $: q = $page.url.searchParams.get('q') ?? '';\n</script>\n\n<h1>Results for {@html DOMPurify.sanitize(q)}</h1>` },
          ],
        },
      ],
    },
    {
      name: "Svelte 5: page from $app/state",
      filename: '+page.svelte',
      code: `<script>\n  import { page } from '$app/state';\n  const message = $derived(page.url.searchParams.get('msg'));\n</script>\n\n{#if message}\n  <div class="flash">{@html message}</div>\n{/if}`,
      errors: [
        {
          messageId: 'xss', line: 7, column: 29, endLine: 7, endColumn: 36, related: 1,
          suggestions: [
            { messageId: 'useText', output: `<script>\n  import { page } from '$app/state';\n  const message = $derived(page.url.searchParams.get('msg'));\n</script>\n\n{#if message}\n  <div class="flash">{message}</div>\n{/if}` },
          ],
        },
      ],
    },
    {
      name: "Angular: bypassSecurityTrustHtml of an @Input()",
      filename: 'comment.component.ts',
      code: `import { Component, Input } from '@angular/core';\nimport { DomSanitizer, SafeHtml } from '@angular/platform-browser';\n\n@Component({ selector: 'app-comment', template: '<div [innerHTML]="html"></div>' })\nexport class CommentComponent {\n  @Input() body = '';\n  html: SafeHtml = '';\n  constructor(private sanitizer: DomSanitizer) {}\n  ngOnChanges() {\n    this.html = this.sanitizer.bypassSecurityTrustHtml(this.body);\n  }\n}`,
      errors: [
        {
          messageId: 'trustParam', line: 10, column: 56, endLine: 10, endColumn: 65, related: 1, severity: 'warning',
        },
      ],
    },
    {
      name: "Angular: a signal input",
      filename: 'note.component.ts',
      code: `import { Component, computed, inject, input } from '@angular/core';\nimport { DomSanitizer } from '@angular/platform-browser';\n\n@Component({ selector: 'app-note', template: '<div [innerHTML]="html()"></div>' })\nexport class NoteComponent {\n  note = input.required<string>();\n  private sanitizer = inject(DomSanitizer);\n  html = computed(() => this.sanitizer.bypassSecurityTrustHtml(this.note()));\n}`,
      errors: [
        {
          messageId: 'trustParam', line: 8, column: 64, endLine: 8, endColumn: 75, related: 1, severity: 'warning',
        },
      ],
    },
    {
      name: "Angular: ActivatedRoute snapshot and queryParamMap subscription",
      filename: 'search.component.ts',
      code: `import { Component, OnInit } from '@angular/core';\nimport { ActivatedRoute } from '@angular/router';\nimport { DomSanitizer, SafeHtml } from '@angular/platform-browser';\n\n@Component({ selector: 'app-search', template: '<h1 [innerHTML]="title"></h1>' })\nexport class SearchComponent implements OnInit {\n  title?: SafeHtml;\n  constructor(private route: ActivatedRoute, private sanitizer: DomSanitizer) {}\n  ngOnInit() {\n    this.title = this.sanitizer.bypassSecurityTrustHtml(this.route.snapshot.queryParams['q']);\n    this.route.queryParamMap.subscribe((params) => {\n      this.title = this.sanitizer.bypassSecurityTrustHtml('Results for ' + params.get('q'));\n    });\n  }\n}`,
      errors: [
        {
          messageId: 'trust', line: 10, column: 57, endLine: 10, endColumn: 93, related: 1,
        },
        {
          messageId: 'trust', line: 12, column: 59, endLine: 12, endColumn: 91, related: 1,
        },
      ],
    },
    {
      name: "Angular: a \"safe HTML\" pipe",
      filename: 'safe-html.pipe.ts',
      code: `import { Pipe, PipeTransform } from '@angular/core';\nimport { DomSanitizer } from '@angular/platform-browser';\n\n@Pipe({ name: 'safeHtml', standalone: true })\nexport class SafeHtmlPipe implements PipeTransform {\n  constructor(private sanitizer: DomSanitizer) {}\n  transform(value: string) {\n    return this.sanitizer.bypassSecurityTrustHtml(value);\n  }\n}`,
      errors: [
        {
          messageId: 'trustParam', line: 8, column: 51, endLine: 8, endColumn: 56, related: 1, severity: 'warning',
        },
      ],
    },
  ],
});
