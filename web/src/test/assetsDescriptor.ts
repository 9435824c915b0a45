// The assets descriptor as docs/api.md describes it; a fixture for unit tests.
import type { RegisterDescriptor } from '../api/types'

const levels = [
  { value: 1, label: 'Low' },
  { value: 2, label: 'Medium' },
  { value: 3, label: 'High' },
  { value: 4, label: 'Very high' },
]

const level = (name: string, label: string) => ({ name, label, type: 'level' as const, required: true, options: levels })

export const assetsDescriptor: RegisterDescriptor = {
  name: 'assets',
  title: 'IT Systems Registry',
  singular: 'Asset',
  path: '/api/v1/assets',
  default_sort: 'name',
  fields: [
    { name: 'name', label: 'Name', type: 'string', required: true, max_length: 200, list: true, sortable: true },
    {
      name: 'type',
      label: 'Type',
      type: 'enum',
      required: true,
      list: true,
      sortable: true,
      filterable: true,
      options: [
        { value: 'system', label: 'System' },
        { value: 'application', label: 'Application' },
      ],
    },
    { name: 'description', label: 'Description', type: 'text' },
    {
      name: 'owner_id',
      label: 'Owner',
      type: 'reference',
      reference: 'persons',
      display_field: 'owner_name',
      list: true,
      filterable: true,
    },
    { name: 'owner_name', label: 'Owner name', type: 'string', read_only: true },
    {
      name: 'classification',
      label: 'Classification',
      type: 'enum',
      required: true,
      list: true,
      sortable: true,
      filterable: true,
      options: [
        { value: 'public', label: 'Public' },
        { value: 'internal', label: 'Internal' },
        { value: 'confidential', label: 'Confidential' },
        { value: 'customer_data', label: 'Customer data' },
      ],
    },
    level('confidentiality', 'Confidentiality'),
    level('integrity', 'Integrity'),
    { name: 'depends_on', label: 'Depends on', type: 'reference_list', reference: 'assets' },
    { name: 'version', label: 'Version', type: 'integer', read_only: true },
    { name: 'updated_at', label: 'Updated', type: 'datetime', read_only: true, sortable: true },
  ],
}
